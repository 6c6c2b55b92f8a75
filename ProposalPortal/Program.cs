using System.Globalization;
using ProposalPortal;
using ProposalPortal.Components;
using ProposalPortal.Data;
using ProposalPortal.Features.Account;
using ProposalPortal.Features.Api;
using ProposalPortal.Features.Common;
using ProposalPortal.Features.Import;
using ProposalPortal.Features.Notices;
using ProposalPortal.Features.Summary;
using ProposalPortal.Features.Statistics;
using ProposalPortal.Features.Letters;
using ProposalPortal.Features.Nodes;
using ProposalPortal.Features.Proposals.Attachments;
using ProposalPortal.Features.Proposals.Export;
using ProposalPortal.Features.Publication;

// The UI speaks Chinese throughout, MudBlazor's own texts and date formats included.
var chinese = new CultureInfo("zh-CN");
CultureInfo.DefaultThreadCurrentCulture = chinese;
CultureInfo.DefaultThreadCurrentUICulture = chinese;

// `ProposalPortal backup FILE`, `restore FILE`, `verify-audit`: a command runs instead of the portal.
if (await PortalCommands.TryRunAsync(args) is { } exitCode)
{
    return exitCode;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddPortal();

var app = builder.Build();
app.UsePortalForwardedHeaders();
app.UseErrorResponses();
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}

app.UsePortalSecurityHeaders();
app.UsePublicSecurityHeaders();
app.UseRequestLocalization("zh-CN");
app.UseAuthentication();
app.UseAuthorization();
app.UseForcedPasswordChange();
app.UseRateLimiter();
app.UseAntiforgery();
app.MapStaticAssets().AllowAnonymous();
// The portal's own Content-Security-Policy (UsePortalSecurityHeaders) already says frame-ancestors: one policy, not two.
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
app.MapAccountEndpoints();
app.MapAttachmentEndpoints();
app.MapPortalApi();
app.MapImportEndpoints();
app.MapSummaryEndpoints();
app.MapNoticeEndpoints();
app.MapStatisticsEndpoints();
app.MapProposalExportEndpoints();
app.MapHub<ProposalPortal.Features.Supervision.SupervisionHub>(ProposalPortal.Features.Supervision.SupervisionHub.Path);
app.MapPublicEndpoints();
app.MapLetterEndpoints();
app.MapPortalHealth();

await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));
await app.RunAsync();
return 0;

/// <summary>Visible to the functional tests' WebApplicationFactory.</summary>
public partial class Program;
