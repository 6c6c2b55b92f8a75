using ProposalPortal.Domain;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Summary;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Summary;

/// <summary>The draft of a year that is not the seed's, built with <see cref="Scenario"/>: it says what that year's data says.</summary>
public sealed class AnnualSummaryDraftTests : IAsyncLifetime
{
    private TestPortal _portal = null!;

    public async Task InitializeAsync() => _portal = await TestPortal.StartAsync();

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task AYearWithoutASpecialMeetingSaysNothingOfOneAndCountsOnlyItsOwnMeetingsAndItems()
    {
        var scenario = await Scenario.CreateAsync(_portal);
        var year = _portal.Clock.Today.Year;
        await scenario.ItemAsync(ProposalState.InProgress);
        await scenario.ItemAsync(ProposalState.Drafted);
        await scenario.ItemAsync(ProposalState.Returned, daysAgo: 2); // returned: no longer the bureau's, counted nowhere
        await using (var db = _portal.Db())
        {
            db.WorkMeetings.Add(new WorkMeeting(WorkMeetingKind.LeadershipTeam, _portal.Clock.Today.AddDays(-5), "研究建议提案办理工作"));
            await db.SaveChangesAsync();
        }

        var view = await _portal.Scoped<AnnualSummaryService>().GetAsync(year);

        var whole = string.Join("\n", view.Opening, view.Text.Characteristics, view.Text.Practices, view.Text.KeyProposals, view.Text.Difficulties);
        Assert.DoesNotContain("专题会议", whole, StringComparison.Ordinal);
        Assert.DoesNotContain("{", whole, StringComparison.Ordinal); // every field written out
        Assert.Contains("（二）机构健全，责任落实。共召开局领导班子会研究1次。接到市人民政府建议提案交办后，局办公室对2件建议提案进行认真梳理和分类。", view.Text.Practices, StringComparison.Ordinal);
        Assert.StartsWith("2件提案建议涉及的均是我局主要重点工作。从涉及的主题看，测试主题2件。", view.Text.Characteristics, StringComparison.Ordinal);
        Assert.Contains("2件主办件中已办结0件，办结率0%。", view.Opening, StringComparison.Ordinal);
        Assert.Equal("【存在的困难和问题】", view.Text.Difficulties); // no earlier year to compare with
        Assert.Empty(view.Discrepancies);
    }
}
