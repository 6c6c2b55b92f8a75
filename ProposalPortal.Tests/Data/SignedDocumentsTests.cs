using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using ProposalPortal.Data;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Data;

/// <summary>
/// A signed letter and the 签批单 filed with it are evidence: on each provider the database itself refuses to change
/// or remove them, whoever connects, and the stored bytes stay those that were signed.
/// </summary>
public abstract class SignedDocumentsTests
{
    protected abstract DatabaseProvider Provider { get; }

    [ProviderFact]
    public async Task TheDatabaseRefusesToChangeOrRemoveASignedLetterOrItsApprovalForm()
    {
        await using var portal = await TestPortal.StartAsync(provider: Provider);
        var scenario = await Scenario.CreateAsync(portal);
        var item = await scenario.SignedItemAsync();

        await using var db = portal.Db();
        var letter = await db.ReplyDocuments.AsNoTracking().SingleAsync(d => d.ProposalId == item.Id);
        var form = await db.ApprovalForms.AsNoTracking().SingleAsync(f => f.ProposalId == item.Id);
        var q = Provider == DatabaseProvider.PostgreSQL ? "\"" : string.Empty;

        foreach (var (sql, document) in new[]
        {
            ($"UPDATE {q}ReplyDocuments{q} SET {q}Sha256{q} = 'x'", "签章答复函"),
            ($"DELETE FROM {q}ReplyDocuments{q}", "签章答复函"),
            ($"UPDATE {q}ApprovalForms{q} SET {q}Sha256{q} = 'x'", "签批单"),
            ($"DELETE FROM {q}ApprovalForms{q}", "签批单"),
        })
        {
#pragma warning disable EF1002 // constant SQL
            var refused = await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync(sql));
#pragma warning restore EF1002
            Assert.Contains($"{document}只能追加，不能修改或删除", refused.Message, StringComparison.Ordinal);
        }

        if (Provider == DatabaseProvider.PostgreSQL)
        {
            var truncate = await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlRawAsync("TRUNCATE \"ApprovalForms\""));
            Assert.Contains("签批单只能追加", truncate.Message, StringComparison.Ordinal);
        }

        Assert.Equal(letter.Sha256, (await db.ReplyDocuments.AsNoTracking().SingleAsync(d => d.Id == letter.Id)).Sha256);
        Assert.Equal(form.Content, (await db.ApprovalForms.AsNoTracking().SingleAsync(f => f.Id == form.Id)).Content);
    }
}

public sealed class SignedDocumentsTestsOnSqlite : SignedDocumentsTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class SignedDocumentsTestsOnPostgreSql : SignedDocumentsTests, IPostgreSqlTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
}
