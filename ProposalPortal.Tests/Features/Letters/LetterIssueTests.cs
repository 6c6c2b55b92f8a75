using Microsoft.EntityFrameworkCore;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Letters;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Letters;

/// <summary>When letters are issued, refused and issued again.</summary>
public sealed class LetterIssueTests : IAsyncLifetime
{
    private TestPortal _portal = null!;
    private Scenario _scenario = null!;
    private Actor _director = null!;
    private Actor _office = null!;

    public async Task InitializeAsync()
    {
        _portal = await TestPortal.StartAsync();
        _scenario = await Scenario.CreateAsync(_portal);
        _director = _scenario.Director;
        _office = _scenario.Office;
    }

    /// <summary>A reviewed reply of the scenario's section, waiting for the director.</summary>
    private async Task<int> AwaitingSignOffAsync() => (await _scenario.ItemAsync(ProposalState.AwaitingSignOff)).Id;

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private ProposalService Service => _portal.Scoped<ProposalService>();

    private async Task<Result> StepAsync(int id, Actor actor, Func<Proposal, WorkflowContext, Result> step)
    {
        var p = (await Service.FindAsync(id, _office))!;
        return await Service.ExecuteAsync(id, p.Version, actor, step);
    }

    private async Task<Result> SignOffAsync(int id) =>
        await Service.SignOffAsync(id, (await Service.FindAsync(id, _office))!.Version, _director);

    /// <summary>Signs off and expects the refusal <paramref name="reason"/>, with the item, its number and its letters unchanged.</summary>
    private async Task AssertSignOffRefusedAndNothingChangedAsync(int id, string reason)
    {
        var before = (await Service.FindAsync(id, _office))!;

        var result = await SignOffAsync(id);

        Assert.False(result.IsOk);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
        var after = (await Service.FindAsync(id, _office))!;
        Assert.Equal(ProposalState.AwaitingSignOff, after.State);
        Assert.Equal(before.Version, after.Version);
        Assert.Null(after.CurrentReply!.DocumentNumber);
        await using var db = _portal.Db();
        Assert.False(await db.ReplyDocuments.AnyAsync(d => d.ProposalId == id));
    }

    [Fact]
    public async Task AReplyChangedAfterSignOffIsSignedOffAgainAsANewVersionAndTheOldOneStays()
    {
        var id = await AwaitingSignOffAsync();
        Assert.True((await SignOffAsync(id)).IsOk);
        await using var db = _portal.Db();
        var first = await db.ReplyDocuments.AsNoTracking().SingleAsync(d => d.ProposalId == id);

        // 不满意: the item is handled again, the reply rewritten, reviewed and signed off once more.
        var item = (await Service.FindAsync(id, _office))!;
        var handler = Actor.For(await db.Staff.SingleAsync(s => s.Id == item.Responsibility!.HandlerId), []);
        var section = await db.Sections.SingleAsync(s => s.Id == item.Responsibility!.SectionId);
        var deputy = Actor.For(await db.Staff.SingleAsync(s => s.Id == section.DeputyDirectorId), [section.Id]);
        var old = item.CurrentReply!;
        var draft = new ReplyDraft(ResultCategory.B, old.Disclosure, old.DisclosureReason, "经重新办理，现补充答复如下：项目已列入明年计划。", old.ContactLines, old.CcList);
        Assert.True((await StepAsync(id, _office, (p, c) => p.RecordEvaluation(_office, Satisfaction.Unsatisfied, "答复不具体", false, c))).IsOk);
        Assert.True((await StepAsync(id, handler, (p, c) => p.ResumeHandling(handler, c))).IsOk);
        Assert.True((await StepAsync(id, handler, (p, c) => p.LogCommunication(handler, CommunicationStage.During, CommunicationMethod.FaceToFace, c.Today, "委员", "当面沟通", c))).IsOk);
        Assert.True((await StepAsync(id, handler, (p, c) => p.SaveDraft(handler, draft, c))).IsOk);
        Assert.True((await StepAsync(id, handler, (p, c) => p.SubmitForReview(handler, c))).IsOk);
        Assert.True((await StepAsync(id, deputy, (p, c) => p.ApproveReview(deputy, null, c))).IsOk);
        var again = await SignOffAsync(id);

        Assert.True(again.IsOk, again.Error);
        var documents = await db.ReplyDocuments.AsNoTracking().Where(d => d.ProposalId == id).OrderBy(d => d.Version).ToListAsync();
        Assert.Equal([1, 2], documents.Select(d => d.Version));
        Assert.Equal(first.Content, documents[0].Content);
        Assert.Equal(first.Sha256, documents[0].Sha256);
        Assert.NotEqual(documents[0].DocumentNumber, documents[1].DocumentNumber);
        var text = string.Concat(PdfInspection.Read(documents[1].Content).Select(p => p.Text));
        Assert.Contains("项目已列入明年计划", text, StringComparison.Ordinal);
        Assert.Contains(documents[1].DocumentNumber!, text, StringComparison.Ordinal);
        Assert.Equal(documents[1].Content, (await _portal.Scoped<ReplyLetterService>().SignedAsync(id, null, _office))!.Content);
        Assert.Equal(2, (await Service.FindAsync(id, _office))!.AuditTrail.Count(a => a.Action == Proposal.IssueLetterAction));

        // The database keeps signed letters as they are.
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE ReplyDocuments SET Sha256 = 'x'"));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM ReplyDocuments"));
    }

    [Fact]
    public async Task ACertificateThisServerCannotOpenRefusesTheSignOffAndChangesNothing()
    {
        var id = await AwaitingSignOffAsync();
        // An uploaded certificate whose password was protected with other data-protection keys (a restored backup).
        var folder = _portal.Get<SigningCertificate>().Folder;
        Directory.CreateDirectory(folder);
        var made = SigningCertificate.CreateDevelopmentCertificate(_portal.Time.GetUtcNow(), "楚雄市发展和改革局");
        await File.WriteAllBytesAsync(Path.Combine(folder, SigningCertificate.UploadedFileName), made);
        await File.WriteAllTextAsync(Path.Combine(folder, SigningCertificate.ProtectedPasswordFileName), "CfDJ8-not-from-these-keys");
        // Found at the next start.
        _portal = await _portal.RestartAsync();

        await AssertSignOffRefusedAndNothingChangedAsync(id, "签章证书无法读取");
    }

    [Fact]
    public async Task OnlyAPublishedReplysSignedLetterIsOfferedToThePublic()
    {
        var id = await AwaitingSignOffAsync();
        Assert.True((await SignOffAsync(id)).IsOk);
        var letters = _portal.Scoped<ReplyLetterService>();
        var replyId = (await Service.FindAsync(id, _office))!.CurrentReply!.Id;
        Assert.Null(await letters.PublishedAsync(replyId));

        Assert.True((await StepAsync(id, _office, (p, c) => p.Publish(_office, c))).IsOk);

        var published = await letters.PublishedAsync(replyId);
        Assert.NotNull(published);
        Assert.Equal((await letters.SignedAsync(id, null, _office))!.Content, published.Content);
    }

    [Fact]
    public async Task ACharacterTheFontLacksIsReportedBeforeSignOffAndNothingChanges()
    {
        var id = await AwaitingSignOffAsync();
        await SignedLetterFixture.RewriteDraftAsync(_portal, id, _director, "您提出的提案收悉。经与𠀀先生沟通，现答复如下：已解决。");

        await AssertSignOffRefusedAndNothingChangedAsync(id, "字体无法显示的字：𠀀");
        // The preview says the same instead of printing a blank box.
        Assert.Contains("𠀀", (await _portal.Scoped<ReplyLetterService>().PreviewAsync(id, _office)).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAssistingItemsOpinionPrintsAsALetterToTheLeadUnit()
    {
        var id = (await _scenario.AssistingItemAsync(ProposalState.OpinionSent)).Id;
        var item = (await Service.FindAsync(id, _office))!;

        var (file, error) = await _portal.Scoped<ReplyLetterService>().PreviewAsync(id, _office);

        Assert.Null(error);
        var text = string.Concat(PdfInspection.Read(file!.Content).Select(p => p.Text));
        Assert.Contains($"关于{item.Designation}的协办意见", text, StringComparison.Ordinal);
        Assert.Contains($"{item.LeadUnit}：", text, StringComparison.Ordinal);
        Assert.DoesNotContain("发改复", text, StringComparison.Ordinal);
        PdfInspection.RenderPng(file.Content, "opinion-letter-page-1");
    }
}
