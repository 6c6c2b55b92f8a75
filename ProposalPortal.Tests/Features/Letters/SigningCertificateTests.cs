using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ProposalPortal.Features.Letters;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Letters;

/// <summary>Where the signing certificate comes from: configuration, the administrator's upload, or a development one.</summary>
public sealed class SigningCertificateTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "signing-tests-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(TestPortal.DefaultNow);

    // The server's data-protection keys: the same for every "restart" in a test unless a test replaces them.
    private IDataProtectionProvider _keys = new EphemeralDataProtectionProvider();

    private SigningCertificate Create(string? path = null, string? password = null) => new(
        Options.Create(new LetterOptions { Signing = { Folder = _folder, CertificatePath = path ?? string.Empty, CertificatePassword = password ?? string.Empty } }),
        _time, _folder, _keys);

    private (byte[] File, string Thumbprint) BureauCertificate(string password)
    {
        using var made = X509CertificateLoader.LoadPkcs12(
            SigningCertificate.CreateDevelopmentCertificate(_time.GetUtcNow(), "楚雄市发展和改革局"), string.Empty, X509KeyStorageFlags.Exportable);
        return (made.Export(X509ContentType.Pkcs12, password), made.Thumbprint);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void WithoutConfigurationADevelopmentCertificateIsCreatedOnceAndKept()
    {
        using var first = Create();
        var thumbprint = first.Current.Thumbprint;

        Assert.True(first.IsDevelopment);
        Assert.True(File.Exists(Path.Combine(_folder, SigningCertificate.DevelopmentFileName)));
        Assert.Contains("开发测试证书", first.Current.Subject, StringComparison.Ordinal);
        Assert.True(first.Current.HasPrivateKey);
        using var restarted = Create();
        Assert.Equal(thumbprint, restarted.Current.Thumbprint);
    }

    [Fact]
    public void AnUploadedCertificateReplacesTheDevelopmentOneAndSurvivesARestart()
    {
        using var store = Create();
        _ = store.Current;
        var bureau = SigningCertificate.CreateDevelopmentCertificate(_time.GetUtcNow(), "楚雄市发展和改革局");
        using var exported = X509CertificateLoader.LoadPkcs12(bureau, string.Empty, X509KeyStorageFlags.Exportable);
        var file = exported.Export(X509ContentType.Pkcs12, "Secret@1");

        Assert.Equal("无法读取该证书文件：文件不是PKCS#12（.pfx/.p12）格式，或密码不正确", store.Replace(file, "wrong"));
        Assert.True(store.IsDevelopment);
        Assert.Equal("无法读取该证书文件：文件不是PKCS#12（.pfx/.p12）格式，或密码不正确", store.Replace([1, 2, 3], "Secret@1"));
        var certificateOnly = exported.Export(X509ContentType.Cert);
        Assert.NotNull(store.Replace(certificateOnly, string.Empty));

        Assert.Null(store.Replace(file, "Secret@1"));
        Assert.False(store.IsDevelopment);
        Assert.Equal(exported.Thumbprint, store.Current.Thumbprint);
        using var restarted = Create();
        Assert.Equal(exported.Thumbprint, restarted.Current.Thumbprint);
        Assert.False(restarted.IsDevelopment);
    }

    [Fact]
    public void TheAdministratorsPasswordIsNotKeptAndTheStoredKeyNeedsTheServersKeys()
    {
        var (file, thumbprint) = BureauCertificate("Bureau@2026");
        using (var store = Create())
        {
            Assert.Null(store.Replace(file, "Bureau@2026"));
        }

        // Nothing in the folder holds the administrator's password, and the stored file does not open with it.
        foreach (var stored in Directory.GetFiles(_folder))
        {
            Assert.DoesNotContain("Bureau@2026", System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(stored)), StringComparison.Ordinal);
        }

        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() =>
            X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(_folder, SigningCertificate.UploadedFileName), "Bureau@2026"));

        // The same server after a restart signs with it; a server with other keys refuses, saying what to do, rather
        // than signing with some other certificate.
        using (var restarted = Create())
        {
            Assert.Equal(thumbprint, restarted.Current.Thumbprint);
        }

        _keys = new EphemeralDataProtectionProvider();
        using var elsewhere = Create();
        var refusal = Assert.Throws<InvalidOperationException>(() => elsewhere.Current);
        Assert.Contains("请系统管理员在“签章证书”页重新上传", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APasswordLeftInPlainTextByAnEarlierVersionIsReplacedOnFirstUse()
    {
        var (file, thumbprint) = BureauCertificate("Legacy@1");
        Directory.CreateDirectory(_folder);
        File.WriteAllBytes(Path.Combine(_folder, SigningCertificate.UploadedFileName), file);
        var legacy = Path.Combine(_folder, SigningCertificate.UploadedFileName + ".password");
        File.WriteAllText(legacy, "Legacy@1");

        using (var store = Create())
        {
            Assert.Equal(thumbprint, store.Current.Thumbprint);
        }

        Assert.False(File.Exists(legacy));
        Assert.True(File.Exists(Path.Combine(_folder, SigningCertificate.ProtectedPasswordFileName)));
        using var restarted = Create();
        Assert.Equal(thumbprint, restarted.Current.Thumbprint);
    }

    [Fact]
    public void AnExpiredCertificateIsRefused()
    {
        using var store = Create();
        var old = SigningCertificate.CreateDevelopmentCertificate(_time.GetUtcNow().AddYears(-10), "旧证书");

        Assert.StartsWith("该证书不在有效期内", store.Replace(old, string.Empty), StringComparison.Ordinal);
    }

    [Fact]
    public void TheConfiguredFileWinsAndCannotBeReplacedFromThePortal()
    {
        Directory.CreateDirectory(_folder);
        var path = Path.Combine(_folder, "configured.pfx");
        using (var made = X509CertificateLoader.LoadPkcs12(SigningCertificate.CreateDevelopmentCertificate(_time.GetUtcNow(), "配置的证书"), string.Empty, X509KeyStorageFlags.Exportable))
        {
            File.WriteAllBytes(path, made.Export(X509ContentType.Pkcs12, "pw"));
        }

        using var store = Create(path, "pw");

        Assert.Contains("配置的证书", store.Current.Subject, StringComparison.Ordinal);
        Assert.False(store.IsDevelopment);
        Assert.True(store.IsConfigured);
        Assert.Contains("Letters:Signing:CertificatePath", store.Replace([1], "x"), StringComparison.Ordinal);
    }
}
