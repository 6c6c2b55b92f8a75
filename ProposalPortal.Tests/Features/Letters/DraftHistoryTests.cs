using Microsoft.EntityFrameworkCore;
using ProposalPortal.Data;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Letters;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Features.Proposals.UseCases;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Letters;

/// <summary>
/// Drafting keeps every version: saved, sent back by review, saved again (from Word), each version stays, and two of them
/// compared show what review changed; the 签批单 is filed with the signed letter. On both databases.
/// </summary>
public abstract class DraftHistoryTests : IAsyncLifetime
{
    private const string First = "您提出的提案收悉，现答复如下：\n一、基本情况\n我局计划年底前建成充电桩100个。\n感谢您对我局工作的关心和支持。";
    private const string Second = "您提出的提案收悉，现答复如下：\n一、基本情况\n我局计划六月底前建成充电桩100个。\n（一）资金保障。\n感谢您对我局工作的关心和支持。";

    protected abstract DatabaseProvider Provider { get; }

    private TestPortal _portal = null!;
    private Scenario _scenario = null!;

    public async Task InitializeAsync()
    {
        _portal = await TestPortal.StartAsync(provider: Provider);
        _scenario = await Scenario.CreateAsync(_portal);
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    /// <summary>Drafted, sent back by the deputy with a comment, drafted again from a Word file: two versions.</summary>
    private async Task<Proposal> ReviewedTwiceAsync()
    {
        var item = await _scenario.ItemAsync(ProposalState.InProgress);
        var (handler, deputy) = (_scenario.Handler, _scenario.Deputy);
        var save = _portal.Scoped<UseCase<SaveDraft>>();
        Assert.True((await save.HandleAsync(new SaveDraft(item.Id, item.Version, ProposalBuilder.Draft() with { Body = First }), handler)).IsOk);
        await _scenario.StepAsync(item.Id, handler, (p, c) => p.SubmitForReview(handler, c));
        await _scenario.StepAsync(item.Id, deputy, (p, c) => p.SendBackFromReview(deputy, "时间提前到六月底，补充资金保障", c));
        var current = await _scenario.FindAsync(item.Id);
        var saved = await save.HandleAsync(new SaveDraft(item.Id, current.Version, ProposalBuilder.Draft() with { Body = Second }, "答复稿（审核后）.docx"), handler);
        Assert.True(saved.IsOk, saved.Error);
        return await _scenario.FindAsync(item.Id);
    }

    [ProviderFact]
    public async Task EverySaveIsKeptAsAVersionThroughReviewsSendBack()
    {
        var item = await ReviewedTwiceAsync();

        var versions = await _portal.Scoped<DraftHistory>().VersionsAsync(item.Id, _scenario.Handler);

        Assert.True(versions.IsOk, versions.Error);
        Assert.Equal([(1, 1, (string?)null), (1, 2, (string?)"答复稿（审核后）.docx")], versions.Value!.Select(v => (v.Round, v.Number, v.WordFile)));
        Assert.All(versions.Value!, v => Assert.Equal("韩承办", v.SavedBy));
        Assert.Equal(Second, item.CurrentReply!.Body);
        Assert.Equal(2, item.CurrentReply.VersionCount);
        await using var db = _portal.Db();
        var bodies = await db.DraftVersions.AsNoTracking().Where(v => v.ReplyId == item.CurrentReply.Id).OrderBy(v => v.Number).Select(v => v.Body).ToListAsync();
        Assert.Equal([First, Second], bodies);
    }

    [ProviderFact]
    public async Task ComparingTwoVersionsMarksWhatReviewDeletedAndInsertedPerParagraphAndSaysWhatReviewAsked()
    {
        var item = await ReviewedTwiceAsync();

        var compared = await _portal.Scoped<DraftHistory>().CompareAsync(item.Id, 1, 1, 2, _scenario.Deputy);

        Assert.True(compared.IsOk, compared.Error);
        var rows = compared.Value!.Rows;
        Assert.Equal(5, rows.Count);
        Assert.False(rows[0].Changed);
        var changed = rows.Single(r => r.Changed && r.Old is not null && r.New is not null);
        Assert.Equal("年", string.Concat(changed.Old!.Where(p => p.Kind == DiffKind.Deleted).Select(p => p.Text)));
        Assert.Equal("六月", string.Concat(changed.New!.Where(p => p.Kind == DiffKind.Inserted).Select(p => p.Text)));
        Assert.Equal("我局计划六月底前建成充电桩100个。", string.Concat(changed.New!.Select(p => p.Text)));
        var added = rows.Single(r => r.Old is null);
        Assert.Equal([new DiffPart("（一）资金保障。", DiffKind.Inserted)], added.New);
        var note = Assert.Single(compared.Value.ReviewBetween);
        Assert.Contains("牛副局长审核退回：时间提前到六月底，补充资金保障", note, StringComparison.Ordinal);
    }

    [ProviderFact]
    public async Task OnlyTheSectionAndThoseWhoReviewAndSignOffSeeTheVersions()
    {
        var item = await ReviewedTwiceAsync();
        var history = _portal.Scoped<DraftHistory>();

        foreach (var actor in new[] { _scenario.Handler, _scenario.Deputy, _scenario.Director })
        {
            Assert.True((await history.CompareAsync(item.Id, 1, 1, 2, actor)).IsOk, actor.Name);
        }

        Assert.Equal(DraftWord.NotAllowed, (await history.VersionsAsync(item.Id, _scenario.Office)).Error);
        Assert.Equal(DraftWord.NotAllowed, (await history.CompareAsync(item.Id, 1, 1, 2, _scenario.OtherDeputy)).Error);
        Assert.Equal("找不到该件，或您无权查看该件", (await history.VersionsAsync(item.Id, _scenario.OtherHandler)).Error);
        Assert.Equal("第1轮答复稿没有第3稿", (await history.CompareAsync(item.Id, 1, 1, 3, _scenario.Handler)).Error);
    }

    [ProviderFact]
    public async Task TheApprovalFormIsFiledWithTheSignedLetterAndHandedOutAsFiled()
    {
        var item = await ReviewedTwiceAsync();
        var (handler, deputy, director) = (_scenario.Handler, _scenario.Deputy, _scenario.Director);
        await _scenario.StepAsync(item.Id, handler, (p, c) => p.SubmitForReview(handler, c));
        await _scenario.StepAsync(item.Id, deputy, (p, c) => p.ApproveReview(deputy, null, c));
        var service = _portal.Scoped<ProposalService>();
        var signed = await service.SignOffAsync(item.Id, (await _scenario.FindAsync(item.Id)).Version, director);
        Assert.True(signed.IsOk, signed.Error);

        await using var db = _portal.Db();
        var filed = await db.ApprovalForms.AsNoTracking().SingleAsync(f => f.ProposalId == item.Id);
        var letter = await db.ReplyDocuments.AsNoTracking().SingleAsync(d => d.ProposalId == item.Id);
        Assert.Equal((letter.ReplyId, letter.Version), (filed.ReplyId, filed.LetterVersion));
        var text = string.Concat(PdfInspection.PdfToText(filed.Content));
        Assert.Contains(letter.DocumentNumber!, text, StringComparison.Ordinal);
        Assert.Contains("马局长", text, StringComparison.Ordinal);
        Assert.Contains("时间提前到六月底", text, StringComparison.Ordinal);

        // Later steps do not change the form of the file: the route hands out the filed bytes.
        _portal.Time.Advance(TimeSpan.FromDays(3));
        var office = _scenario.Office;
        await _scenario.StepAsync(item.Id, office, (p, c) => p.RecordEvaluation(office, Satisfaction.Satisfied, null, enteredByStaff: true, c));
        var handedOut = await _portal.Scoped<OfficialForms>().ForAsync(item.Id, FileForm.Approval, office);
        Assert.Equal(filed.Content, handedOut.Value!.Content);
    }
}

/// <summary><see cref="DraftHistoryTests"/> on SQLite.</summary>
public sealed class DraftHistoryTestsOnSqlite : DraftHistoryTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

/// <summary><see cref="DraftHistoryTests"/> on PostgreSQL.</summary>
public sealed class DraftHistoryTestsOnPostgreSql : DraftHistoryTests, IPostgreSqlTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
}
