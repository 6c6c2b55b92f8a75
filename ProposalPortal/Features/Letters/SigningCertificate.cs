using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace ProposalPortal.Features.Letters;

/// <summary>
/// The bureau's signing certificate: the PKCS#12 file of the configuration, else one the administrator uploaded,
/// else a self-signed development certificate created on first start in the signing folder. The development
/// certificate proves nothing to anyone outside the portal; README says to replace it.
/// </summary>
public sealed class SigningCertificate : IDisposable
{
    public const string UploadedFileName = "bureau-signing.pfx";
    public const string DevelopmentFileName = "development-signing.pfx";

    /// <summary>Beside the uploaded file: the password it is stored under, protected with the app's data-protection keys.</summary>
    public const string ProtectedPasswordFileName = UploadedFileName + ".key";

    // Session 2 kept the administrator's own password beside the file in plain text; read once, then replaced.
    private const string LegacyPasswordFileName = UploadedFileName + ".password";

    private readonly LetterSigningOptions _options;
    private readonly string _folder;
    private readonly TimeProvider _time;
    private readonly IDataProtector _protector;
    private readonly ProposalPortal.Features.Nodes.INodeBus? _nodes;
    private readonly Lock _lock = new();
    private X509Certificate2? _certificate;

    /// <param name="nodes">The other nodes, told of an upload so that they load the new certificate (none on one server).</param>
    public SigningCertificate(IOptions<LetterOptions> options, TimeProvider time, string contentRoot, IDataProtectionProvider dataProtection,
        ProposalPortal.Features.Nodes.INodeBus? nodes = null)
    {
        _nodes = nodes;
        _options = options.Value.Signing;
        _folder = Path.IsPathRooted(_options.Folder) ? _options.Folder : Path.Combine(contentRoot, _options.Folder);
        _time = time;
        _protector = dataProtection.CreateProtector("ProposalPortal.SigningCertificate.v1");
    }

    /// <summary>The signing folder, resolved against the content root: where uploaded and development certificates live.</summary>
    public string Folder => _folder;

    /// <summary>Whether the letters are signed with the self-made development certificate.</summary>
    public bool IsDevelopment
    {
        get
        {
            _ = Current;
            return _isDevelopment;
        }
    }

    private bool _isDevelopment;

    /// <summary>Why letters cannot be signed now (the uploaded certificate cannot be opened on this server), or null.</summary>
    public string? WhyNotUsable()
    {
        try
        {
            _ = Current;
            return null;
        }
        catch (InvalidOperationException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>Whether the configuration names the certificate file (then only the configuration can change it).</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(_options.CertificatePath);

    /// <summary>The certificate with its private key, loaded (or created) on first use.</summary>
    public X509Certificate2 Current
    {
        get
        {
            lock (_lock)
            {
                if (_certificate is null)
                {
                    _certificate = Load();
                    Loads++;
                }

                return _certificate;
            }
        }
    }

    /// <summary>
    /// How many times this process opened the PKCS#12 file: once, and again only after an upload. Opening it costs tens of
    /// milliseconds; a sign-off must never pay it (issue 17, BENCHMARKS.md "Sign-off"; SignOffCostTests).
    /// </summary>
    public int Loads { get; private set; }

    /// <summary>
    /// The administrator's upload: a PKCS#12 file with a private key that can sign. A bad file or password is refused
    /// in Chinese and changes nothing. The administrator's password is not kept: the key is stored in the signing
    /// folder under a new random password, and that password only protected with the app's data-protection keys, so
    /// a copy of the folder alone does not give the bureau's signing key away.
    /// </summary>
    public string? Replace(byte[] pkcs12, string password)
    {
        if (IsConfigured)
        {
            return "签章证书由配置项 Letters:Signing:CertificatePath 指定，请在配置中更换";
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12(pkcs12, password, X509KeyStorageFlags.Exportable | X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException)
        {
            return "无法读取该证书文件：文件不是PKCS#12（.pfx/.p12）格式，或密码不正确";
        }

        if (!certificate.HasPrivateKey || certificate.GetRSAPrivateKey() is null && certificate.GetECDsaPrivateKey() is null)
        {
            certificate.Dispose();
            return "该证书不含私钥，不能用于签章";
        }

        var now = _time.GetUtcNow();
        if (certificate.NotAfter.ToUniversalTime() < now.UtcDateTime || certificate.NotBefore.ToUniversalTime() > now.UtcDateTime)
        {
            var refusal = $"该证书不在有效期内（有效期{certificate.NotBefore:yyyy-MM-dd}至{certificate.NotAfter:yyyy-MM-dd}）";
            certificate.Dispose();
            return refusal;
        }

        Store(certificate);
        lock (_lock)
        {
            // The previous certificate is not disposed here: a sign-off may be signing with it at this moment.
            _certificate = certificate;
            _isDevelopment = false;
        }

        // The file is in the shared folder already; the other nodes only drop what they loaded. Never throws.
        _ = _nodes?.PublishAsync(ProposalPortal.Features.Nodes.NodeCacheInvalidation.SigningCertificateTopic, string.Empty);
        return null;
    }

    /// <summary>
    /// Another node uploaded a certificate into the shared signing folder: load it on next use. The certificate in use
    /// is not disposed, for the same reason as in <see cref="Replace"/>.
    /// </summary>
    public void Forget()
    {
        lock (_lock)
        {
            _certificate = null;
            _isDevelopment = false;
        }
    }

    private X509Certificate2 Load()
    {
        if (!string.IsNullOrWhiteSpace(_options.CertificatePath))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(_options.CertificatePath, _options.CertificatePassword, X509KeyStorageFlags.EphemeralKeySet);
        }

        var uploaded = Path.Combine(_folder, UploadedFileName);
        if (File.Exists(uploaded))
        {
            return LoadUploaded(uploaded);
        }

        _isDevelopment = true;
        var development = Path.Combine(_folder, DevelopmentFileName);
        if (!File.Exists(development))
        {
            Directory.CreateDirectory(_folder);
            File.WriteAllBytes(development, CreateDevelopmentCertificate(_time.GetUtcNow()));
        }

        return X509CertificateLoader.LoadPkcs12FromFile(development, string.Empty, X509KeyStorageFlags.EphemeralKeySet);
    }

    private void Store(X509Certificate2 certificate)
    {
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        Directory.CreateDirectory(_folder);
        File.WriteAllBytes(Path.Combine(_folder, UploadedFileName), certificate.Export(X509ContentType.Pkcs12, password));
        File.WriteAllText(Path.Combine(_folder, ProtectedPasswordFileName), _protector.Protect(password));
        File.Delete(Path.Combine(_folder, LegacyPasswordFileName));
    }

    private X509Certificate2 LoadUploaded(string uploaded)
    {
        var legacy = Path.Combine(_folder, LegacyPasswordFileName);
        if (File.Exists(legacy))
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(uploaded, File.ReadAllText(legacy),
                X509KeyStorageFlags.Exportable | X509KeyStorageFlags.EphemeralKeySet);
            Store(certificate);
            return certificate;
        }

        string password;
        try
        {
            password = _protector.Unprotect(File.ReadAllText(Path.Combine(_folder, ProtectedPasswordFileName)));
        }
        catch (Exception ex) when (ex is CryptographicException or FileNotFoundException)
        {
            // Signing with some other certificate instead would be worse than not signing: say what to do.
            throw new InvalidOperationException(
                "已上传的签章证书无法读取（其密码须用本服务器的数据保护密钥解开，密钥已丢失或更换），请系统管理员在“签章证书”页重新上传", ex);
        }

        return X509CertificateLoader.LoadPkcs12FromFile(uploaded, password, X509KeyStorageFlags.EphemeralKeySet);
    }

    /// <summary>A self-signed RSA certificate for document signing, valid from yesterday for five years.</summary>
    public static byte[] CreateDevelopmentCertificate(DateTimeOffset now, string commonName = "楚雄市发展和改革局（开发测试证书 正式使用前须更换）")
    {
        using var key = RSA.Create(2048);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCountryOrRegion("CN");
        subject.AddOrganizationName("ProposalPortal");
        subject.AddCommonName(commonName);
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(5));
        return certificate.Export(X509ContentType.Pkcs12, string.Empty);
    }

    public void Dispose() => _certificate?.Dispose();
}
