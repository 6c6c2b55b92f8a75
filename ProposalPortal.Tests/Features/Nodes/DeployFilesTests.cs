using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Nodes;

/// <summary>deploy/nginx.conf is a configuration Debian's nginx accepts, not only a sketch.</summary>
public sealed class DeployFilesTests
{
    [Fact]
    public async Task TheSampleNginxConfigurationPassesNginxsOwnCheck()
    {
        var nginx = PrivateServers.Require("nginx", "nginx");
        var folder = Path.Combine(Path.GetTempPath(), "portal-deploy-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(folder, "logs"));
        try
        {
            // The sample names the bureau's certificate; a throwaway one stands in for it.
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=jyta.example.gov.cn", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            await File.WriteAllTextAsync(Path.Combine(folder, "cert.pem"), certificate.ExportCertificatePem());
            await File.WriteAllTextAsync(Path.Combine(folder, "key.pem"), key.ExportPkcs8PrivateKeyPem());
            var site = (await File.ReadAllTextAsync(Path.Combine(Repository.Root, "deploy", "nginx.conf")))
                .Replace("/etc/ssl/certs/jyta.example.gov.cn.pem", Path.Combine(folder, "cert.pem"), StringComparison.Ordinal)
                .Replace("/etc/ssl/private/jyta.example.gov.cn.key", Path.Combine(folder, "key.pem"), StringComparison.Ordinal);
            await File.WriteAllTextAsync(Path.Combine(folder, "site.conf"), site);
            // As /etc/nginx/nginx.conf includes conf.d/*.conf inside http {}.
            await File.WriteAllTextAsync(Path.Combine(folder, "nginx.conf"), $$"""
                pid {{folder}}/nginx.pid;
                error_log {{folder}}/logs/error.log;
                events {}
                http {
                    access_log off;
                    include {{folder}}/site.conf;
                }
                """);

            var (exitCode, output) = await PrivateServers.RunAsync(nginx, "-t", "-p", folder, "-c", Path.Combine(folder, "nginx.conf"),
                "-e", Path.Combine(folder, "logs", "error.log"));
            Assert.True(exitCode == 0, output);
            Assert.Contains("test is successful", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
