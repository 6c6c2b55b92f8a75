using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Annotations;
using PdfSharp.Pdf.Signatures;
using ProposalPortal.Domain;
using ProposalPortal.Features.Common;
using ProposalPortal.Features.Documents.Fonts;
using ProposalPortal.Features.Documents.Typesetting;

namespace ProposalPortal.Features.Letters;

/// <summary>Who signed, when and where: what the signature says and what its visible field shows.</summary>
public sealed record SignatureFacts(string SignerName, string Bureau, DateTimeOffset SignedAt, DateOnly SignedOn, string LocalTime, string Location);

/// <summary>
/// Signs a rendered letter as PDFsharp saves it: a detached CMS (PKCS#7) signature with SHA-256 over the whole file
/// but the signature itself (adbe.pkcs7.detached), reason 签发, location, and a visible field in Chinese.
/// </summary>
public sealed class LetterSigner(SigningCertificate certificate, IOptions<LetterOptions> options, PortalClock clock)
{
    public const string Reason = "签发";

    public X509Certificate2 Certificate => certificate.Current;

    /// <summary>Why nothing can be signed now, in Chinese, or null.</summary>
    public string? WhyNotReady() => certificate.WhyNotUsable();

    public SignatureFacts Facts(string signerName, string bureau)
    {
        var now = clock.Now;
        var local = TimeZoneInfo.ConvertTime(now, clock.Zone);
        return new SignatureFacts(signerName, bureau, now, clock.Today, local.ToString("HH:mm", CultureInfo.InvariantCulture),
            options.Value.Signing.Location);
    }

    /// <summary>Saves <paramref name="document"/> signed; the bytes are final (any later change breaks the signature).</summary>
    public byte[] SignAndSave(PdfDocument rendered, SignatureArea area, SignatureFacts facts, DocumentFonts fonts)
    {
        // Signed in the second save, after ZlibStreams has made every stream valid zlib: the signed bytes are final.
        PdfDocument reopened;
        using (SignOffTrace.Phase("sign: reopen"))
        {
            reopened = ZlibStreams.Reopen(rendered);
        }

        using var document = reopened;
        var page = document.Pages[area.PageIndex];
        var height = page.Height.Point;
        var signatureOptions = new DigitalSignatureOptions
        {
            Reason = Reason,
            Location = facts.Location,
            ContactInfo = facts.SignerName,
            AppName = "ProposalPortal",
            PageIndex = area.PageIndex,
            // The field's rectangle is in PDF user space: from the bottom of the page.
            Rectangle = new XRect(area.Rect.X, height - area.Rect.Bottom, area.Rect.Width, area.Rect.Height),
            AppearanceHandler = new ChineseSignatureAppearance(facts, fonts),
        };
        DigitalSignatureHandler.ForDocument(document, new CmsSigner(Certificate, facts.SignedAt), signatureOptions);
        using var saving = SignOffTrace.Phase("sign: signed save");
        return TypesetRenderer.SaveAsIs(document);
    }

    /// <summary>The CMS signature, with the signing time from the portal's clock.</summary>
    private sealed class CmsSigner(X509Certificate2 certificate, DateTimeOffset signedAt) : IDigitalSigner
    {
        // By certificate: measuring costs a signature of its own, which every letter would otherwise pay again.
        private static readonly ConcurrentDictionary<string, int> Sizes = new(StringComparer.Ordinal);

        public string CertificateName => certificate.GetNameInfo(X509NameType.SimpleName, false);

        public async Task<int> GetSignatureSizeAsync()
        {
            if (!Sizes.TryGetValue(certificate.Thumbprint, out var size))
            {
                // RSA signatures have a fixed length, and so has the signing time (UTCTime): measure once on an empty
                // range and leave a little slack.
                size = (await GetSignatureAsync(new MemoryStream([0])).ConfigureAwait(false)).Length + 16;
                Sizes[certificate.Thumbprint] = size;
            }

            return size;
        }

        public Task<byte[]> GetSignatureAsync(Stream stream)
        {
            var content = new byte[stream.Length];
            stream.Position = 0;
            stream.ReadExactly(content);
            var cms = new SignedCms(new ContentInfo(content), detached: true);
            var signer = new System.Security.Cryptography.Pkcs.CmsSigner(certificate)
            {
                DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"), // SHA-256
                IncludeOption = X509IncludeOption.EndCertOnly,
            };
            signer.SignedAttributes.Add(new Pkcs9SigningTime(signedAt.UtcDateTime));
            using var phase = SignOffTrace.Phase("sign: cms");
            cms.ComputeSignature(signer, silent: true);
            return Task.FromResult(cms.Encode());
        }
    }

    /// <summary>
    /// The visible signature field: who signed, for whom, when, in Chinese, in the letter's own font. PDFsharp draws
    /// the appearance while it saves the signed file, when its own (broken, see <see cref="ZlibStreams"/>) compression
    /// is off, so the field is drawn beforehand into a small PDF of its own with valid streams and placed as a form:
    /// its font subset stays compressed.
    /// </summary>
    private sealed class ChineseSignatureAppearance(SignatureFacts facts, DocumentFonts fonts) : IAnnotationAppearanceHandler
    {
        public void DrawAppearance(XGraphics gfx, XRect field)
        {
            using var phase = SignOffTrace.Phase("sign: appearance");
            // PDFsharp hands over the field's rectangle on the page; the appearance is drawn in the field's own space.
            using var drawn = new PdfDocument();
            drawn.Options.CompressContentStreams = false;
            drawn.Options.NoCompression = true;
            var page = drawn.AddPage();
            page.Width = XUnit.FromPoint(field.Width);
            page.Height = XUnit.FromPoint(field.Height);
            using (var own = XGraphics.FromPdfPage(page))
            {
                Draw(own, new XRect(0, 0, field.Width, field.Height));
            }

            using var form = XPdfForm.FromStream(new MemoryStream(ZlibStreams.Save(drawn)));
            gfx.DrawImage(form, 0, 0, field.Width, field.Height);
        }

        private void Draw(XGraphics gfx, XRect rect)
        {
            var blue = XColor.FromArgb(0x1F, 0x4E, 0x99);
            gfx.DrawRectangle(new XPen(blue, 0.8), new XRect(rect.X + 1, rect.Y + 1, rect.Width - 2, rect.Height - 2));
            var font = fonts.Get(FontRole.Body, 9);
            var brush = new XSolidBrush(blue);
            string[] lines =
            [
                $"电子签章：{facts.Bureau}",
                $"签发人：{facts.SignerName}",
                $"时间：{ChineseDate.Format(facts.SignedOn)} {facts.LocalTime}",
                $"地点：{facts.Location}",
            ];
            var lineHeight = Math.Min(12, (rect.Height - 6) / lines.Length);
            for (var i = 0; i < lines.Length; i++)
            {
                gfx.DrawString(lines[i], font, brush, rect.X + 6, rect.Y + 4 + lineHeight * (i + 1) - 2, XStringFormats.BaseLineLeft);
            }
        }
    }
}
