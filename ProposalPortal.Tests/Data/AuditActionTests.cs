using Microsoft.EntityFrameworkCore;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Data;

/// <summary>
/// The audit trail's actions: each has one Chinese name, and each is stored as the very string the column held before
/// it was an enum, so the hash chain sealed over those strings still verifies on an upgraded database.
/// </summary>
public sealed class AuditActionTests
{
    /// <summary>Every string AuditEntries.Action held before the enum (registration, each step, the sealed letters).</summary>
    private static readonly string[] StoredBefore =
    [
        "Register", "Accept", "RequestReturn", "ApproveReturn", "RejectReturn", "SetResponsibility", "StartHandling",
        "ExtendDeadline", "LogCommunication", "SaveDraft", "SubmitForReview", "ApproveReview", "SendBackFromReview",
        "SignOff", "SendBackFromSignOff", "RecordEvaluation", "ResumeHandling", "Close", "SendOpinion", "Publish",
        "Unpublish", "AddCommitment", "UpdateCommitment", "AddAttachment", "Chase", "JoinGroup", "IssueLetter",
        "ReissueLetter",
    ];

    public static TheoryData<AuditAction> Actions() => [.. Enum.GetValues<AuditAction>()];

    [Theory]
    [MemberData(nameof(Actions))]
    public void EveryActionHasAChineseName(AuditAction action)
    {
        var label = action.ToChinese();

        Assert.NotEqual(action.ToString(), label);
        Assert.Matches(@"^\p{IsCJKUnifiedIdeographs}+$", label);
    }

    [Fact]
    public void EveryStepWritesTheActionOfItsName()
    {
        foreach (var step in Enum.GetValues<WorkflowStep>())
        {
            Assert.Equal(step, AuditActions.Of(step).Step());
            if (step != WorkflowStep.RejectReturn)
            {
                Assert.Equal(step.ToChinese(), AuditActions.Of(step).ToChinese());
            }
        }
    }

    [Fact]
    public void ARefusedReturnReadsAsTheTradeSaysIt()
    {
        Assert.Equal("不同意退回", WorkflowStep.RejectReturn.ToChinese());
        Assert.Equal("退回申请未获同意", AuditAction.RejectReturn.ToChinese());
    }

    [Fact]
    public async Task TheStoredStringsAreThoseTheColumnHeldBefore()
    {
        await using var portal = await TestPortal.StartAsync();
        await using var db = portal.Db();
        var converter = db.Model.FindEntityType(typeof(AuditEntry))!.FindProperty(nameof(AuditEntry.Action))!
            .GetTypeMapping().Converter!;

        foreach (var stored in StoredBefore)
        {
            var action = Assert.IsType<AuditAction>(converter.ConvertFromProvider(stored));
            Assert.Equal(stored, converter.ConvertToProvider(action));
        }

        Assert.All(Enum.GetValues<AuditAction>(), a => Assert.Equal(a.ToString(), converter.ConvertToProvider(a)));
    }

    [Fact]
    public async Task ATrailIsStoredAsTheOldStringsAndReadsBack()
    {
        // Items taken through most steps: from registration to closing, and a return.
        await using var portal = await TestPortal.StartAsync();
        var scenario = await Scenario.CreateAsync(portal);
        await scenario.ItemAsync(ProposalState.Closed, key: true);
        await scenario.ItemAsync(ProposalState.Returned, daysAgo: 1);
        await using var db = portal.Db();

        var raw = await db.Database.SqlQueryRaw<string>("SELECT DISTINCT Action AS Value FROM AuditEntries").ToListAsync();
        var read = await db.AuditEntries.Select(a => a.Action).Distinct().ToListAsync();

        Assert.Contains("Register", raw);
        Assert.Contains("SignOff", raw);
        Assert.Contains("ApproveReturn", raw);
        Assert.All(raw, s => Assert.Contains(s, StoredBefore));
        Assert.Equal(raw.Order(), read.Select(a => a.ToString()).Order());
    }
}
