using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Letters;
using ProposalPortal.Features.Proposals.UseCases;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Letters;

/// <summary>
/// A key item's sign-off stays cheap (issue 17, BENCHMARKS.md "Sign-off"): checked by structure, not by timing. The
/// signing certificate is opened once per process, not once per letter.
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
}
