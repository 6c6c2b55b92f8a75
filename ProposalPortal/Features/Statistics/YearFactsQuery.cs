using System.Globalization;
using System.Text;
using ProposalPortal.Data;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Statistics;

namespace ProposalPortal.Features.Statistics;

/// <summary>One item's facts for the figures, with its topics.</summary>
public sealed record YearItem(ProposalFacts Facts, IReadOnlyList<string> Topics);

/// <summary>
/// The <see cref="ProposalFacts"/> and topics of a year's items (all of them, or the few a save changed), read with plain
/// data readers (<see cref="RawRows"/>) in four flat queries over covering indexes: the items (with whether they had a
/// face-to-face talk, as one <c>EXISTS</c>), their signed letters, their evaluations (each with the item's 领衔人) and their
/// topics. Each query walks the year's entries of <c>IX_Proposals_Year_Facts</c> (or the changed items' primary keys)
/// and joins one child table's covering index; the rows are put together here. The enums come back as integers
/// (<see cref="RawRows.EnumPosition{TEnum}"/>), not as names to be made into strings. The SQL is provider-neutral (SQLite
/// and PostgreSQL alike); <c>FigureQueryPlanTests</c> keeps each query on its covering index and counts the commands.
/// <para>
/// Nothing read here depends on the day: the dates are kept raw and <see cref="FigureRules"/> compares them with today
/// when it computes, so facts kept in memory (<see cref="YearFactsStore"/>) do not go stale with the clock. They do
/// depend on the satisfaction rule, which the store checks.
/// </para>
/// </summary>
internal static class YearFactsQuery
{
    private static readonly string FaceToFaceMethods =
        string.Join(", ", Communication.FaceToFaceMethods.Select(m => RawRows.Literal(m)));

    /// <summary>
    /// The facts of <paramref name="year"/>'s items, by id: every item's, or only those of <paramref name="ids"/> (an id
    /// missing from the answer is no longer an item of that year).
    /// </summary>
    public static async Task<Dictionary<int, YearItem>> ReadAsync(PortalDbContext db, int year, IReadOnlyCollection<int>? ids,
        SatisfactionRule rule, CancellationToken cancellationToken)
    {
        var (scope, parameters) = Scope(year, ids);

        var items = new List<Item>(capacity: ids?.Count ?? 1024);
        await db.ReadAsync($"""
            SELECT p."Id", {RawRows.EnumPosition<ProposalKind>("p.\"Kind\"")}, {RawRows.EnumPosition<Level>("p.\"Level\"")},
                {RawRows.EnumPosition<HandlingRole>("p.\"Role\"")}, {RawRows.EnumPosition<ProposalState>("p.\"State\"")},
                p."IsKey", p."Deadline", p."ClosedOn", p."SectionId", p."ReopenRound",
                EXISTS (SELECT 1 FROM "Communication" AS c WHERE c."ProposalId" = p."Id" AND c."Method" IN ({FaceToFaceMethods}))
            FROM "Proposals" AS p WHERE {scope}
            """, parameters, r => items.Add(new Item(
                r.GetInt32(0), r.GetEnumAt<ProposalKind>(1), r.GetEnumAt<Level>(2), r.GetEnumAt<HandlingRole>(3), r.GetEnumAt<ProposalState>(4),
                r.GetBoolean(5), r.GetDateOrNull(6), r.GetDateOrNull(7), r.GetInt32OrNull(8), r.GetInt32(9), r.GetBoolean(10))), cancellationToken);

        // The last signed letter of each item: its category, and whether it is published.
        var letters = new Dictionary<int, (int Round, ResultCategory? Category, bool Published)>(items.Count);
        await db.ReadAsync($"""
            SELECT r."ProposalId", r."Round", {RawRows.EnumPosition<ResultCategory>("r.\"Category\"")}, r."PublishedAt"
            FROM "Reply" AS r INNER JOIN "Proposals" AS p ON p."Id" = r."ProposalId"
            WHERE {scope} AND r."Kind" = {RawRows.Literal(ReplyKind.Letter)} AND r."SignedAt" IS NOT NULL
            """, parameters, r =>
            {
                var (id, round) = (r.GetInt32(0), r.GetInt32(1));
                if (!letters.TryGetValue(id, out var known) || round > known.Round)
                {
                    letters[id] = (round, r.GetEnumAtOrNull<ResultCategory>(2), !r.IsDBNull(3));
                }
            }, cancellationToken);

        // Each proposer's answer, with the item's 领衔人, so that several proposers' answers make the item's result by the
        // configured rule (an answer with no proposer is the 领衔人's).
        var answers = new Dictionary<int, List<Answer>>();
        await db.ReadAsync($"""
            SELECT e."ProposalId", e."Round", e."ProposerId", {RawRows.EnumPosition<Satisfaction>("e.\"Satisfaction\"")},
                (SELECT x."Id" FROM "Proposer" AS x WHERE x."ProposalId" = e."ProposalId" ORDER BY x."Order" LIMIT 1)
            FROM "Evaluation" AS e INNER JOIN "Proposals" AS p ON p."Id" = e."ProposalId"
            WHERE {scope}
            """, parameters, r =>
            {
                var id = r.GetInt32(0);
                if (!answers.TryGetValue(id, out var mine))
                {
                    answers[id] = mine = [];
                }

                var lead = r.GetInt32OrNull(4);
                mine.Add(new Answer(r.GetInt32(1), (r.GetInt32OrNull(2) ?? lead) == lead, r.GetEnumAt<Satisfaction>(3)));
            }, cancellationToken);

        var topics = new Dictionary<int, List<string>>(items.Count);
        // The year's topics are a few hundred names over ~12,000 rows: one string each, not one per row.
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        await db.ReadAsync($"""
            SELECT t."ProposalId", t."Name"
            FROM "ProposalTopic" AS t INNER JOIN "Proposals" AS p ON p."Id" = t."ProposalId"
            WHERE {scope}
            """, parameters, r =>
            {
                var id = r.GetInt32(0);
                if (!topics.TryGetValue(id, out var mine))
                {
                    topics[id] = mine = [];
                }

                var name = r.GetString(1);
                mine.Add(names.TryAdd(name, name) ? name : names[name]);
            }, cancellationToken);

        var facts = new Dictionary<int, YearItem>(items.Count);
        foreach (var i in items)
        {
            var mine = answers.TryGetValue(i.Id, out var found) ? found : [];
            Satisfaction? Result(int round) => ItemSatisfaction.Of(rule, mine.Where(a => a.Round == round)
                .Select(a => (a.IsLead, a.Satisfaction)).ToList());
            // Closed with no answer to its last reply: 未反馈, counted apart and not in the satisfaction rates.
            var noFeedback = i.Role == HandlingRole.Lead && i.State == ProposalState.Closed && mine.All(a => a.Round != i.ReopenRound + 1);
            var final = noFeedback || mine.Count == 0 ? null : Result(mine.Max(a => a.Round));
            var replied = letters.TryGetValue(i.Id, out var letter);
            facts[i.Id] = new YearItem(new ProposalFacts(
                i.Id, i.Kind, i.Level, i.Role, i.State, i.IsKey, i.Deadline, i.ClosedOn, i.SectionId,
                replied ? letter.Category : null, replied, replied && letter.Published,
                Result(1), final, i.HasFaceToFace, Proposal.IsDeadlineStepDoneIn(i.State), noFeedback),
                topics.TryGetValue(i.Id, out var named) ? named : []);
        }

        return facts;
    }

    /// <summary>The items' condition on <c>p</c> ("Proposals"), its values as parameters (<c>{0}</c>, <c>{1}</c> …).</summary>
    private static (string Where, object[] Parameters) Scope(int year, IReadOnlyCollection<int>? ids)
    {
        if (ids is null)
        {
            return ("p.\"Year\" = {0}", [year]);
        }

        // A few changed items: each found by its primary key (the year still checked: an item moved to another year is
        // no longer this year's).
        var where = new StringBuilder("p.\"Year\" = {0} AND p.\"Id\" IN (");
        where.AppendJoin(", ", ids.Select((_, i) => "{" + (i + 1).ToString(CultureInfo.InvariantCulture) + "}"));
        where.Append(')');
        return (where.ToString(), [year, .. ids.Cast<object>()]);
    }

    private sealed record Item(int Id, ProposalKind Kind, Level Level, HandlingRole Role, ProposalState State, bool IsKey,
        DateOnly? Deadline, DateOnly? ClosedOn, int? SectionId, int ReopenRound, bool HasFaceToFace);

    private readonly record struct Answer(int Round, bool IsLead, Satisfaction Satisfaction);
}
