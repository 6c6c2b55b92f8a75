using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Proposals.Register;

namespace ProposalPortal.Tests.Features;

public sealed class RegistrationInputTests
{
    private static RegistrationInput Valid() => new()
    {
        Year = 2023, Session = "市政协十届二次会议", Number = 12, Title = "关于加快光伏项目建设的提案",
        Proposers = "张三、李四，王五", Topics = "充电桩及新能源建设，数字经济", AssignedOn = new DateTime(2023, 3, 20),
    };

    [Fact]
    public void SplitsProposersAndTopicsOnChineseAndLatinSeparatorsKeepingTheLeadFirst()
    {
        var (registration, problem) = Valid().ToRegistration();

        Assert.Null(problem);
        Assert.Equal(["张三", "李四", "王五"], registration!.Proposers.Select(p => p.Name));
        Assert.Equal(["充电桩及新能源建设", "数字经济"], registration.Topics);
        Assert.Equal(new DateOnly(2023, 3, 20), registration.AssignedOn);
    }

    [Theory]
    [InlineData("Session", "请填写届次")]
    [InlineData("Proposers", "请填写提出人")]
    [InlineData("AssignedOn", "请选择交办日期")]
    public void SaysWhatIsMissingInChinese(string field, string message)
    {
        var input = Valid();
        typeof(RegistrationInput).GetProperty(field)!.SetValue(input, null);

        Assert.Equal(message, input.ToRegistration().Problem);
    }

    [Fact]
    public void AnAssistingItemNeedsItsLeadUnitAndADeadlineMustFollowAssignment()
    {
        var assisting = Valid();
        assisting.Role = HandlingRole.Assisting;
        Assert.Equal("协办件须填写主办单位", assisting.ToRegistration().Problem);

        var early = Valid();
        early.ExplicitDeadline = new DateTime(2023, 3, 1);
        Assert.Equal("办理时限须晚于交办日期", early.ToRegistration().Problem);
    }
}
