using System.Collections.Concurrent;
using System.Security.Cryptography;
using PdfSharp.Fonts;
using ProposalPortal.Features.Documents.Typesetting;

namespace ProposalPortal.Features.Documents.Fonts;

/// <summary>
/// PDFsharp finds fonts only through one process-wide <see cref="IFontResolver"/>. This one serves exactly the font
/// files the portal registered (the shipped font and whatever the configuration points to), under names derived
/// from their content, so that two configurations never mix up their faces and no system font sneaks in.
/// </summary>
public sealed class DocumentFontResolver : IFontResolver
{
    /// <summary>The file name of the shipped default: AR PL SungtiL GB (see Fonts/README in the repository).</summary>
    public const string ShippedFontResource = "ProposalPortal.Features.Documents.Fonts.gbsn00lp.ttf";

    /// <summary>The shipped 黑体-style sans for level-1 headings: Droid Sans Fallback (Apache-2.0).</summary>
    public const string ShippedSansResource = "ProposalPortal.Features.Documents.Fonts.DroidSansFallbackFull.ttf";

    /// <summary>The shipped 楷体 for level-2 headings: AR PL KaitiM GB (Arphic Public License).</summary>
    public const string ShippedKaiResource = "ProposalPortal.Features.Documents.Fonts.gkai00mp.ttf";

    private static readonly ConcurrentDictionary<string, byte[]> Faces = new(StringComparer.Ordinal);
    private static readonly Lock InstallLock = new();
    private static readonly Lazy<string> Shipped = new(() => RegisterResource(ShippedFontResource));
    private static readonly Lazy<string> ShippedSans = new(() => RegisterResource(ShippedSansResource));
    private static readonly Lazy<string> ShippedKai = new(() => RegisterResource(ShippedKaiResource));

    private DocumentFontResolver()
    {
    }

    /// <summary>The family name of the shipped open-licensed Song face (body and titles: there is no open 仿宋 or 小标宋 TrueType).</summary>
    public static string ShippedFamily => Shipped.Value;

    /// <summary>The shipped face for a role: Song for body and title, the sans for 黑体 headings, the Kai for 楷体 headings.</summary>
    public static string ShippedFamilyOf(FontRole role) => role switch
    {
        FontRole.Heading => ShippedSans.Value,
        FontRole.SubHeading => ShippedKai.Value,
        _ => Shipped.Value,
    };

    /// <summary>Registers a TrueType font file and returns the family name to give <c>XFont</c>.</summary>
    public static string RegisterFile(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 12 || !(bytes[0] == 0 && bytes[1] == 1 && bytes[2] == 0 && bytes[3] == 0 || bytes.AsSpan(0, 4).SequenceEqual("true"u8)))
        {
            // 'ttcf' (collections) and 'OTTO' (CFF outlines) are not fonts PDFsharp can embed as TrueType.
            throw new InvalidOperationException($"字体文件{Path.GetFileName(path)}不是TrueType轮廓字体（不支持.ttc字体集或CFF/OTF字体）");
        }

        return Register(bytes);
    }

    private static string RegisterResource(string resource)
    {
        // Loaded on first use only: a deployment with its own fonts never reads the shipped ones.
        using var stream = typeof(DocumentFontResolver).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException("内置字体缺失：" + resource);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return Register(copy.ToArray());
    }

    private static string Register(byte[] bytes)
    {
        Install();
        var name = "PortalFont-" + Convert.ToHexString(SHA256.HashData(bytes), 0, 8);
        Faces.TryAdd(name, bytes);
        return name;
    }

    /// <summary>Makes this the process's font resolver (once); refuses to replace a different one silently.</summary>
    public static void Install()
    {
        lock (InstallLock)
        {
            if (GlobalFontSettings.FontResolver is DocumentFontResolver)
            {
                return;
            }

            if (GlobalFontSettings.FontResolver is not null)
            {
                throw new InvalidOperationException("PDFsharp already has another font resolver: " + GlobalFontSettings.FontResolver.GetType());
            }

            GlobalFontSettings.FontResolver = new DocumentFontResolver();
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        Faces.ContainsKey(familyName) ? new FontResolverInfo(familyName) : null;

    public byte[]? GetFont(string faceName) => Faces.TryGetValue(faceName, out var bytes) ? bytes : null;
}
