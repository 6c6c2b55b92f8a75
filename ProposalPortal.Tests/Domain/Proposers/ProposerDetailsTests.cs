using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Proposers;

namespace ProposalPortal.Tests.Domain.Proposers;

public sealed class ProposerDetailsTests
{
    [Theory]
    [InlineData("", null, null, "请填写姓名")]
    [InlineData("李春闻", "1380000", null, null)]
    [InlineData("李春闻", "0878-3000011转8001", null, null)]
    [InlineData("李春闻", "请打办公室", null, "手机号码“请打办公室”格式不对")]
    [InlineData("李春闻", null, "li@example", "电子邮箱“li@example”格式不对")]
    [InlineData("李春闻", " 13800000001 ", " li@example.cn ", null)]
    public void DetailsThatDoNotLookLikeWhatTheySayAreRefusedInChinese(string name, string? mobile, string? email, string? problem) =>
        Assert.Equal(problem, new ProposerDetails(name, ProposerBody.Member, Mobile: mobile, Email: email).WhyNot());

    [Fact]
    public void ANewEntryIsStoredTrimmedWithEmptyFieldsAsNothingAndTheNameWithoutSpaces()
    {
        var entry = new RegisteredProposer(new ProposerDetails(" 李 春闻 ", ProposerBody.Member, Term: " ", Mobile: " 13800000001 "));

        Assert.Equal(("李春闻", (string?)null, "13800000001"), (entry.Name, entry.Term, entry.Mobile));
    }

    [Fact]
    public void ARefusedUpdateLeavesTheEntryAsItWas()
    {
        var entry = new RegisteredProposer(new ProposerDetails("李春闻", ProposerBody.Member, Email: "li@example.cn"));

        var result = entry.Update(entry.Details with { Email = "不是邮箱" });

        Assert.False(result.IsOk);
        Assert.Equal("li@example.cn", entry.Email);
    }

    [Fact]
    public void ANameLinksOnlyToTheOneEntryOfThatNameInTheBodyThatRaisesSuchItems()
    {
        (int, string, ProposerBody)[] entries =
            [(1, "李春闻", ProposerBody.Member), (2, "王芳", ProposerBody.Deputy), (3, "赵六", ProposerBody.Member), (4, "赵六", ProposerBody.Member)];

        Assert.Equal(1, ProposerNames.Match("李 春闻", ProposerNames.BodyOf(ProposalKind.Proposal), entries));
        // 王芳 the deputy did not raise a CPPCC proposal; two 赵六 members are a guess the portal does not make.
        Assert.Null(ProposerNames.Match("王芳", ProposerNames.BodyOf(ProposalKind.Proposal), entries));
        Assert.Null(ProposerNames.Match("赵六", ProposerBody.Member, entries));
        Assert.Equal(2, ProposerNames.Match("王芳", ProposerNames.BodyOf(ProposalKind.Suggestion), entries));
    }
}
