using System.Security.Cryptography.X509Certificates;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using ProposalPortal.Features.Account;
using ProposalPortal.Features.Letters;
using ProposalPortal.Tests.TestSupport;
using SigningPage = ProposalPortal.Features.Administration.Signing;

namespace ProposalPortal.Tests.Components.Administration;

/// <summary>签章证书 as the administrator sees it, including a certificate this server can no longer open.</summary>
public sealed class SigningPageTests : PortalBunitContext
{
    public override async Task InitializeAsync()
    {
        Portal = await TestPortal.StartAsync();
        await SignInAsync(Portal, (await (await Scenario.CreateAsync(Portal)).AdminPastFirstSignInAsync()).Name, PortalRoles.Admin);
        Render<MudPopoverProvider>();
    }

    [Fact]
    public void TheDevelopmentCertificateIsShownWithAWarning()
    {
        var cut = Render<SigningPage>();

        Assert.NotNull(cut.Find("[data-testid=development-certificate]"));
        Assert.Contains("开发测试证书", cut.Find("[data-testid=certificate]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=certificate-problem]"));
    }

}

/// <summary>签章证书 on a server that finds, at its start, a certificate it cannot open.</summary>
public sealed class SigningPageUnreadableCertificateTests : PortalBunitContext
{
    public override async Task InitializeAsync()
    {
        var first = await TestPortal.StartAsync();
        var admin = await (await Scenario.CreateAsync(first)).AdminPastFirstSignInAsync();
        // A restored signing folder whose password was protected with another server's keys, found at the next start.
        var folder = first.Get<SigningCertificate>().Folder;
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, SigningCertificate.UploadedFileName),
            SigningCertificate.CreateDevelopmentCertificate(first.Time.GetUtcNow(), "旧服务器的证书"));
        File.WriteAllText(Path.Combine(folder, SigningCertificate.ProtectedPasswordFileName), "CfDJ8-not-from-these-keys");
        Portal = await first.RestartAsync();
        await SignInAsync(Portal, admin.Name, PortalRoles.Admin);
        Render<MudPopoverProvider>();
    }

    [Fact]
    public void ACertificateThisServerCannotOpenIsReportedAndAnUploadPutsItRight()
    {
        var cut = Render<SigningPage>();

        Assert.Contains("请系统管理员在“签章证书”页重新上传", cut.Find("[data-testid=certificate-problem]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=certificate]"));

        using var bureau = X509CertificateLoader.LoadPkcs12(
            SigningCertificate.CreateDevelopmentCertificate(Portal!.Time.GetUtcNow(), "楚雄市发展和改革局"), string.Empty, X509KeyStorageFlags.Exportable);
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(bureau.Export(X509ContentType.Pkcs12, "Bureau@1"), "bureau.pfx"));
        cut.Find("input[data-testid=certificate-password], [data-testid=certificate-password] input").Change("Bureau@1");
        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid=certificate-upload]").HasAttribute("disabled")));
        cut.Find("[data-testid=certificate-upload]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=certificate-problem]")));
        Assert.Contains(bureau.Thumbprint, cut.Find("[data-testid=certificate]").TextContent, StringComparison.Ordinal);
        Assert.Contains("管理员上传", cut.Find("[data-testid=certificate]").TextContent, StringComparison.Ordinal);
        Assert.Equal(bureau.Thumbprint, Portal.Get<SigningCertificate>().Current.Thumbprint);
    }
}
