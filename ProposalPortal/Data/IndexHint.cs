using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ProposalPortal.Data;

/// <summary>
/// Tells SQLite which index to read a query's items through (<c>INDEXED BY</c>), for the few queries whose best plan its
/// planner cannot see without statistics (the item list, ListPlan). EF has no way to write INDEXED BY, so the query carries
/// a tag (<see cref="Through"/>) and <see cref="IndexHintInterceptor"/> adds the clause to the command EF sends, EF's
/// documented way to add a query hint. Only on SQLite: on PostgreSQL the tag is a comment and nothing more.
/// </summary>
public static partial class IndexHint
{
    private const string Marker = "Read Proposals through ";

    /// <summary>Reads the items of <paramref name="items"/> through <paramref name="index"/> (an index on Proposals).</summary>
    public static IQueryable<T> Through<T>(this IQueryable<T> items, string index) => items.TagWith(Marker + index);

    /// <summary>The command with its tag turned into INDEXED BY on the outermost <c>FROM "Proposals" AS "p"</c>.</summary>
    internal static string Apply(string sql)
    {
        if (!sql.StartsWith("-- " + Marker, StringComparison.Ordinal) || Tag().Match(sql) is not { Success: true } tag)
        {
            return sql;
        }

        // The first FROM of Proposals is the query's own: EF writes the correlated subqueries of the select list (the lead
        // proposer) over other tables, and the WHERE's subqueries come after it.
        return OuterFrom().Replace(sql, $"FROM \"Proposals\" AS \"p\" INDEXED BY \"{tag.Groups[1].Value}\"", 1);
    }

    [GeneratedRegex(@"^-- Read Proposals through (IX_Proposals_[A-Za-z_]+)\r?\n")]
    private static partial Regex Tag();

    [GeneratedRegex("FROM \"Proposals\" AS \"p\"(?=\\s|$)")]
    private static partial Regex OuterFrom();
}

/// <summary>Adds the INDEXED BY that <see cref="IndexHint.Through"/> asked for to the SQL command, just before it runs.</summary>
public sealed class IndexHintInterceptor : DbCommandInterceptor
{
    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Hint(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Hint(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Hint(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Hint(command, eventData);
        return ValueTask.FromResult(result);
    }

    private static void Hint(DbCommand command, CommandEventData eventData)
    {
        if (eventData.Context is { } context && !context.IsPostgreSql())
        {
            command.CommandText = IndexHint.Apply(command.CommandText);
        }
    }
}
