using System.Diagnostics;

namespace ProposalPortal.Features.Common;

/// <summary>
/// The phases of a 签发 as <see cref="Activity"/> spans (issue 17: the sign-off's server time and where it goes): the
/// number, the letter's rendering and signing, the 签批单, and the steps every workflow step shares (loading the item,
/// the save and its commit, the handlers after it) and every PDF shares (<c>zlib:</c>), so those are marked for the
/// other steps and documents too. Without a listener (the app has none unless a tracer is configured)
/// <see cref="Phase"/> returns null and costs nothing; the benchmark's <c>--signoff-server</c> listens and prints each
/// phase's median.
/// </summary>
public static class SignOffTrace
{
    public const string SourceName = "ProposalPortal.SignOff";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>A span for one phase of the sign-off; dispose it when the phase ends.</summary>
    public static Activity? Phase(string name) => Source.StartActivity(name);
}
