using System.Security.Cryptography.Pkcs;
using Microsoft.EntityFrameworkCore;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Letters;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Letters;

/// <summary>
/// Letters stored before the upgrade printed a proposer's evaluation link. The upgrade marks them, no route hands them
/// out any more, and the start-up signs each again as a new version with the same number and date, on the record.
/// </summary>
public sealed class LegacyLetterTests : IAsyncLifetime
{
    private TestPortal _portal = null!;
    private Scenario _scenario = null!;

    /// <summary>Three signed letters: one replied to and published, one closed, and one not published.</summary>
    public async Task InitializeAsync()
    {
        _portal = await TestPortal.StartAsync();
        _scenario = await Scenario.CreateAsync(_portal);
        await _scenario.SignedItemAsync(ProposalState.Replied, published: true);
        await _scenario.SignedItemAsync(ProposalState.Closed, daysAgo: 60, published: true);
        await _scenario.SignedItemAsync(ProposalState.Replied);
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    /// <summary>
    /// What the upgrade to the layout without personal links did to a bureau's database (the pre-squash migration
    /// LettersWithoutEvaluationLinks, now part of the baseline): it added the mark with a default that marked every
    /// letter already stored. Done here in SQLite's own ALTER TABLE, which keeps the append-only triggers and fires none.
    /// </summary>
    private async Task UpgradeFromTheEarlierVersionAsync()
    {
        await using var db = _portal.Db();
        await db.Database.ExecuteSqlRawAsync("ALTER TABLE ReplyDocuments DROP COLUMN PrintsEvaluationLink;");
        await db.Database.ExecuteSqlRawAsync("ALTER TABLE ReplyDocuments ADD COLUMN PrintsEvaluationLink INTEGER NOT NULL DEFAULT 1;");
    }

    [Fact]
    public async Task LettersStoredBeforeTheUpgradeAreWithheldThenReissuedWithTheSameNumberAndDate()
    {
        await using var db = _portal.Db();
        var before = await db.ReplyDocuments.AsNoTracking().OrderBy(d => d.Id).ToListAsync();
        Assert.Equal(3, before.Count);
        Assert.DoesNotContain(before, d => d.PrintsEvaluationLink);

        await UpgradeFromTheEarlierVersionAsync();

        // Every letter stored before is marked, and none of them is handed out: not to staff, not to the public.
        var marked = await db.ReplyDocuments.AsNoTracking().OrderBy(d => d.Id).ToListAsync();
        Assert.Equal(before.Select(d => d.Sha256), marked.Select(d => d.Sha256));
        Assert.All(marked, d => Assert.True(d.PrintsEvaluationLink));
        var office = _scenario.Office;
        var letters = _portal.Scoped<ReplyLetterService>();
        var sample = marked[0];
        Assert.Null(await letters.SignedAsync(sample.ProposalId, null, office));
        Assert.Null(await letters.SignedAsync(sample.ProposalId, sample.Version, office));
        Assert.Null(await letters.PublishedAsync(sample.ReplyId));

        var reissued = await _portal.Scoped<LegacyLetters>().ReissueAsync();

        Assert.Equal(before.Count, reissued);
        var certificate = _portal.Get<SigningCertificate>().Current;
        foreach (var old in marked)
        {
            var again = await db.ReplyDocuments.AsNoTracking().SingleAsync(d => d.ProposalId == old.ProposalId && d.Version == old.Version + 1);
            Assert.False(again.PrintsEvaluationLink);
            Assert.Equal(old.ReplyId, again.ReplyId);
            Assert.Equal(old.DocumentNumber, again.DocumentNumber);
            Assert.Equal(old.SignerName, again.SignerName);
            Assert.Equal(certificate.Thumbprint, again.CertificateThumbprint);
            var (signed, signature) = SignedLetterTests.SignedParts(again.Content);
            var cms = new SignedCms(new ContentInfo(signed), detached: true);
            cms.Decode(signature);
            cms.CheckSignature(verifySignatureOnly: true);

            // Same number and date as the withdrawn version; it is what every route now gives.
            var reply = await db.Set<Reply>().AsNoTracking().SingleAsync(r => r.Id == old.ReplyId);
            var text = string.Concat(PdfInspection.Read(again.Content).Select(p => p.Text));
            Assert.Contains(old.DocumentNumber!, text, StringComparison.Ordinal);
            Assert.Contains(ProposalPortal.Domain.ChineseDate.Format(reply.IssuedOn!.Value), text, StringComparison.Ordinal);
            Assert.Equal(again.Content, (await letters.SignedAsync(old.ProposalId, null, office))!.Content);
            Assert.Null(await letters.SignedAsync(old.ProposalId, old.Version, office));
            if (reply.PublishedAt is not null && reply.Disclosure == Disclosure.Publish)
            {
                Assert.Equal(again.Content, (await letters.PublishedAsync(old.ReplyId))!.Content);
            }
        }

        // On the item's record: which version was withdrawn, why, and the new version's hash.
        var item = (await _portal.Scoped<ProposalService>().FindAsync(sample.ProposalId, office))!;
        var entry = Assert.Single(item.AuditTrail, a => a.Action == Proposal.ReissueLetterAction);
        Assert.Equal("系统", entry.ActorName);
        Assert.Contains($"第{sample.Version}版{LegacyLetters.Reason}", entry.Comment, StringComparison.Ordinal);
        Assert.Contains($"重新签章为第{sample.Version + 1}版", entry.Comment, StringComparison.Ordinal);
        var latest = await db.ReplyDocuments.AsNoTracking().Where(d => d.ProposalId == sample.ProposalId).OrderByDescending(d => d.Version).FirstAsync();
        Assert.Contains(latest.Sha256, entry.Comment, StringComparison.Ordinal);

        // The next start finds nothing left to do.
        Assert.Equal(0, await _portal.Scoped<LegacyLetters>().ReissueAsync());
    }

    [Fact]
    public async Task WhileTheCertificateCannotBeOpenedTheMarkedLettersStayWithheld()
    {
        await UpgradeFromTheEarlierVersionAsync();
        // An uploaded certificate whose password was protected with other data-protection keys (a restored backup).
        var folder = _portal.Get<SigningCertificate>().Folder;
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, SigningCertificate.UploadedFileName),
            SigningCertificate.CreateDevelopmentCertificate(_portal.Time.GetUtcNow(), "楚雄市发展和改革局"));
        await File.WriteAllTextAsync(Path.Combine(folder, SigningCertificate.ProtectedPasswordFileName), "CfDJ8-not-from-these-keys");
        await using var portal = await _portal.RestartAsync();

        Assert.Equal(0, await portal.Scoped<LegacyLetters>().ReissueAsync());

        await using var db = portal.Db();
        var any = await db.ReplyDocuments.AsNoTracking().FirstAsync();
        Assert.Null(await portal.Scoped<ReplyLetterService>().SignedAsync(any.ProposalId, null, _scenario.Office));
        Assert.Null(await portal.Scoped<ReplyLetterService>().PublishedAsync(any.ReplyId));
        Assert.False(await db.ReplyDocuments.AnyAsync(d => !d.PrintsEvaluationLink));
    }
}
