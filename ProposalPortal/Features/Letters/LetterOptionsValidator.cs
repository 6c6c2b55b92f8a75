using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace ProposalPortal.Features.Letters;

/// <summary>
/// Checks the letter settings when the portal starts, so that a wrong font, seal or certificate path is reported
/// in Chinese at start-up rather than as a failed sign-off later.
/// </summary>
public sealed class LetterOptionsValidator : IValidateOptions<LetterOptions>
{
    public ValidateOptionsResult Validate(string? name, LetterOptions options)
    {
        var problems = new List<string>();
        foreach (var (key, path) in new[] { ("Letters:Fonts:Body", options.Fonts.Body), ("Letters:Fonts:Title", options.Fonts.Title), ("Letters:Fonts:Heading", options.Fonts.Heading) })
        {
            if (string.IsNullOrWhiteSpace(path))
            {
                continue;
            }

            if (!File.Exists(path))
            {
                problems.Add($"{key}: 找不到字体文件 {path}");
            }
            else if (!IsTrueType(path))
            {
                problems.Add($"{key}: {Path.GetFileName(path)} 不是TrueType轮廓字体(.ttf);不支持.ttc字体集和CFF轮廓的.otf");
            }
        }

        if (!string.IsNullOrWhiteSpace(options.SealImage) && !File.Exists(options.SealImage))
        {
            problems.Add($"Letters:SealImage: 找不到印章图片 {options.SealImage}");
        }

        var certificate = options.Signing.CertificatePath;
        if (!string.IsNullOrWhiteSpace(certificate))
        {
            if (!File.Exists(certificate))
            {
                problems.Add($"Letters:Signing:CertificatePath: 找不到证书文件 {certificate}");
            }
            else
            {
                try
                {
                    using var loaded = X509CertificateLoader.LoadPkcs12FromFile(certificate, options.Signing.CertificatePassword, X509KeyStorageFlags.EphemeralKeySet);
                    if (!loaded.HasPrivateKey)
                    {
                        problems.Add("Letters:Signing:CertificatePath: 证书不含私钥,不能用于签章");
                    }
                }
                catch (CryptographicException)
                {
                    problems.Add("Letters:Signing:CertificatePath: 无法读取证书,文件不是PKCS#12格式或密码(Letters:Signing:CertificatePassword)不正确");
                }
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static bool IsTrueType(string path)
    {
        Span<byte> head = stackalloc byte[4];
        using var file = File.OpenRead(path);
        return file.Read(head) == 4 && (head.SequenceEqual(new byte[] { 0, 1, 0, 0 }) || head.SequenceEqual("true"u8));
    }
}
