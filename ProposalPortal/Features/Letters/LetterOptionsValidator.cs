using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Options;
using ProposalPortal.Features.Documents.Fonts;
using ProposalPortal.Features.Documents.Typesetting;

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
        foreach (var (key, role, path) in new[]
                 {
                     ("Letters:Fonts:Body", FontRole.Body, options.Fonts.Body), ("Letters:Fonts:Title", FontRole.Title, options.Fonts.Title),
                     ("Letters:Fonts:Heading", FontRole.Heading, options.Fonts.Heading), ("Letters:Fonts:SubHeading", FontRole.SubHeading, options.Fonts.SubHeading),
                 })
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
                problems.Add($"{key}: {Path.GetFileName(path)} 不是TrueType轮廓字体（.ttf）；不支持.ttc字体集和CFF轮廓的.otf");
            }
            else if (MissingGb2312(role, path) is { Count: > 0 } missing)
            {
                // Letters are written in GB 2312 characters: a face without them would print blank boxes, so it is
                // refused at start rather than letter by letter.
                problems.Add($"{key}：{Path.GetFileName(path)} 缺少GB 2312中的{missing.Count}个汉字（如“{string.Concat(missing.Take(10))}”），不能用于公文，请配置完整的中文字体");
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
                        problems.Add("Letters:Signing:CertificatePath: 证书不含私钥，不能用于签章");
                    }
                }
                catch (CryptographicException)
                {
                    problems.Add("Letters:Signing:CertificatePath: 无法读取证书，文件不是PKCS#12格式或密码（Letters:Signing:CertificatePassword）不正确");
                }
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>The 6,763 characters of GB 2312 (levels 1 and 2), in code order.</summary>
    public static string Gb2312Hanzi { get; } = BuildGb2312();

    private static List<string> MissingGb2312(FontRole role, string path)
    {
        var fonts = DocumentFonts.FromFiles(role == FontRole.Body ? path : null, role == FontRole.Title ? path : null,
            role == FontRole.Heading ? path : null, role == FontRole.SubHeading ? path : null);
        return fonts.MissingCharacters(role, Gb2312Hanzi).ToList();
    }

    private static string BuildGb2312()
    {
        // GBK (code page 936) is a superset of GB 2312; rows 0xB0–0xF7 hold its hanzi, 0xD7FA–0xD7FE are unassigned.
        var gbk = CodePagesEncodingProvider.Instance.GetEncoding(936)!;
        var text = new StringBuilder(6763);
        for (var row = 0xB0; row <= 0xF7; row++)
        {
            for (var cell = 0xA1; cell <= 0xFE; cell++)
            {
                if (row == 0xD7 && cell >= 0xFA)
                {
                    continue;
                }

                text.Append(gbk.GetString([(byte)row, (byte)cell]));
            }
        }

        return text.ToString();
    }

    private static bool IsTrueType(string path)
    {
        Span<byte> head = stackalloc byte[4];
        using var file = File.OpenRead(path);
        return file.Read(head) == 4 && (head.SequenceEqual(new byte[] { 0, 1, 0, 0 }) || head.SequenceEqual("true"u8));
    }
}
