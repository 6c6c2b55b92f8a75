using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Documents.Fonts;
using ProposalPortal.Features.Letters;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Features.Proposals.Detail;
using ProposalPortal.Features.Proposals.UseCases;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Letters;

/// <summary>
/// A key item's sign-off stays cheap (issue 17, BENCHMARKS.md "Sign-off"): checked by structure, not by timing. The
/// signing certificate is opened once per process, not once per letter; the letter and the 签批单 are each set once, in
/// the faces every document shares, by a fixed number of SQL commands; and the item page read after it reads the item once.
/// </summary>
public sealed class SignOffCostTests : IAsyncLifetime
{
    private TestPortal _portal = null!;
    private Scenario _scenario = null!;

    public async Task InitializeAsync()
    {
        _portal = await TestPortal.StartAsync();
        _scenario = await Scenario.CreateAsync(_portal);
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task SigningOffKeyItemsOpensTheCertificateOnce()
    {
        var first = await _scenario.ItemAsync(ProposalState.AwaitingSignOff, key: true);
        var second = await _scenario.ItemAsync(ProposalState.AwaitingSignOff, key: true);
        var signOff = _portal.Scoped<UseCase<SignOff>>();

        Assert.True((await signOff.HandleAsync(new SignOff(first.Id, first.Version), _scenario.Director)).IsOk);
        Assert.True((await signOff.HandleAsync(new SignOff(second.Id, second.Version), _scenario.Director)).IsOk);

        Assert.Equal(1, _portal.Get<SigningCertificate>().Loads);
    }

    [Fact]
    public async Task SigningOffSetsTheLetterAndTheApprovalFormOnceEachWithAFixedNumberOfCommands()
    {
        var item = await _scenario.ItemAsync(ProposalState.AwaitingSignOff, key: true);
        var renderer = _portal.Get<LetterRenderer>();
        var forms = _portal.Get<FormPdf>();
        var (letters, filed) = (renderer.Renders, forms.Writes);

        var (result, commands) = await SqlCommandCounter.CountAsync(() =>
            _portal.Scoped<UseCase<SignOff>>().HandleAsync(new SignOff(item.Id, item.Version), _scenario.Director));

        Assert.True(result.IsOk, result.Error);
        Assert.Equal(1, renderer.Renders - letters);
        Assert.Equal(1, forms.Writes - filed);
        Assert.Equal(ProposalState.Replied, (await _portal.Scoped<ProposalService>().FindAsync(item.Id, _scenario.Director))!.State);
        // The item in one split query (11), the year's last number, the letter versions, the 征询意见 links already
        // made, the section's name for the 签批单, and the save (the rows, the audit seal): nothing read twice.
        Assert.Equal(22, commands);
    }

    [Fact]
    public void LettersAndFormsAreSetInOneSetOfFacesReadOnce()
    {
        var fonts = _portal.Get<LetterRenderer>().Fonts;

        Assert.Same(fonts, _portal.Get<FormPdf>().Fonts);
        Assert.Same(fonts, _portal.Get<EvaluationFormPdf>().Fonts);
        Assert.Same(fonts, DocumentFonts.FromFiles(null, null, null, null));
    }

    [Fact]
    public async Task TheItemPageAfterTheSignOffReadsTheItemOnce()
    {
        var item = await _scenario.ItemAsync(ProposalState.AwaitingSignOff, key: true);
        Assert.True((await _portal.Scoped<UseCase<SignOff>>().HandleAsync(new SignOff(item.Id, item.Version), _scenario.Director)).IsOk);
        var query = _portal.Scoped<ProposalPageQuery>();
        await query.LoadAsync(item.Id, _scenario.Director); // the working-day calendar is read once and cached for the process

        var (_, find) = await SqlCommandCounter.CountAsync(() => _portal.Scoped<ProposalService>().FindAsync(item.Id, _scenario.Director));
        var (page, commands) = await SqlCommandCounter.CountAsync(() => query.LoadAsync(item.Id, _scenario.Director));

        Assert.Single(page!.Letters);
        // The item (its split query), names (2) and the signed letters (1): the letters' read does not load the item again.
        Assert.Equal(find + 3, commands);
    }
}
