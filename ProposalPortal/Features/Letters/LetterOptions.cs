using ProposalPortal.Features.Documents.Fonts;

namespace ProposalPortal.Features.Letters;

/// <summary>How reply letters (答复函) and opinion letters (协办意见) are printed and signed. Bound from "Letters".</summary>
public sealed class LetterOptions
{
    public const string SectionName = "Letters";

    public LetterFontOptions Fonts { get; set; } = new();

    /// <summary>
    /// A PNG of the bureau's seal (transparent background), placed over the name and date of signed letters.
    /// Empty: a dashed outline marks where the seal goes; the portal never draws a seal of its own.
    /// </summary>
    public string SealImage { get; set; } = string.Empty;

    /// <summary>The 4号 line at the foot of the last page: who prints the letter (印发机关); empty for the bureau's office.</summary>
    public string PrintedBy { get; set; } = string.Empty;

    /// <summary>
    /// Letters are printed on both sides (GB/T 9704): the 版记 (抄送, 印发) sits at the foot of an even page, the back
    /// of the last sheet, and a blank page is added when needed. False: the 版记 sits on the last page, whatever its number.
    /// </summary>
    public bool DoubleSided { get; set; } = true;

    public LetterSigningOptions Signing { get; set; } = new();
}

/// <summary>
/// TrueType (.ttf) files for the bureau's licensed official faces, per role. Empty: the shipped open-licensed face
/// (AR PL SungtiL GB for body and title, Droid Sans Fallback for 黑体, AR PL KaitiM GB for 楷体).
/// .ttc collections and CFF-based .otf files cannot be embedded by PDFsharp and are refused at start.
/// </summary>
public sealed class LetterFontOptions
{
    /// <summary>The body, 3号: 仿宋_GB2312 (e.g. /usr/share/fonts/official/FangSong_GB2312.ttf).</summary>
    public string Body { get; set; } = string.Empty;

    /// <summary>Titles and the masthead: 方正小标宋简体.</summary>
    public string Title { get; set; } = string.Empty;

    /// <summary>Level-1 headings (一、) and the category mark: 黑体.</summary>
    public string Heading { get; set; } = string.Empty;

    /// <summary>Level-2 headings (（一）): 楷体_GB2312.</summary>
    public string SubHeading { get; set; } = string.Empty;

    /// <summary>The configured faces, each role falling back to its shipped face.</summary>
    public DocumentFonts Load() => DocumentFonts.FromFiles(Body, Title, Heading, SubHeading);
}

/// <summary>The bureau's signing certificate. Bound from "Letters:Signing".</summary>
public sealed class LetterSigningOptions
{
    /// <summary>
    /// The bureau's PKCS#12 (.pfx/.p12) file with its private key. Empty: the certificate the administrator uploaded,
    /// or else a self-signed development certificate created on first start (replace it before real use).
    /// </summary>
    public string CertificatePath { get; set; } = string.Empty;

    /// <summary>The PKCS#12 file's password (set it through an environment variable or a secret store, not in a file).</summary>
    public string CertificatePassword { get; set; } = string.Empty;

    /// <summary>Where uploaded and development certificates are kept; relative paths are placed beside the app.</summary>
    public string Folder { get; set; } = "App_Data/signing";

    /// <summary>The signature's location (签发地点).</summary>
    public string Location { get; set; } = "楚雄市";
}
