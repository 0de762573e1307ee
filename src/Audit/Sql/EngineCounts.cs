using Audit.Data;
using Audit.Plan;

namespace Audit.Sql;

/// <summary>
/// A database table counted where it lives (docs/databases.md, "Counted in the engine"): the plan's counts query runs
/// in the source's engine, and the plan returned audits the counts (<see cref="Auditor.RunCounts"/>). <c>audit run</c>
/// calls it for a database source; in code, call it before <c>Auditor.Run</c> (or <c>AuditContext.Run</c>).
/// </summary>
public static class EngineCounts
{
    /// <summary>
    /// Counts a database table where it lives (docs/databases.md, "Counted in the engine"): the one GROUP BY query of
    /// <see cref="CountsQuery"/> (what <c>audit sql</c> prints) runs in the source's engine, and the plan returned audits
    /// the counts it returned (<see cref="Auditor.RunCounts"/>), so that no row leaves the engine. The plan is returned unchanged
    /// when the rows are to be read instead: <c>data.counting: audit</c>; a free query or a file read through DuckDB
    /// (no table to name); with no <c>counting</c> key, a plan whose decisions SQL cannot state (an ML.NET or ONNX model,
    /// a partly published spec: <see cref="CountsQuery.Build"/>'s reasons) or a run that asks for each person's row
    /// (<paramref name="needRows"/>: <c>--people</c>). It lives in Sql, not in <see cref="Auditor"/>, since the query
    /// model reads the plan's model through the Auditor (the stages' dependency rule, docs/architecture.md).
    /// </summary>
    /// <param name="plan">A plan whose data is a database source.</param>
    /// <param name="needRows">The run writes something per person (the people file), which counts cannot give.</param>
    /// <param name="progress">Told of the read ("read", 0..1).</param>
    /// <exception cref="AuditInputException">With <c>counting: engine</c>, when the plan cannot be counted in the engine (the reason given).</exception>
    public static AuditPlan CountInEngine(AuditPlan plan, bool needRows = false, Action<string, long, long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Data.Database is not { TableName: { } table } database || database.Counting == EngineCounting.Audit
            || (database.Counting == EngineCounting.Auto && needRows))
        {
            return plan;
        }
        progress?.Invoke("read", 0, 1);
        var options = new DatabaseReadOptions { Limits = plan.Limits, DisplayName = plan.Data.Display };
        // The column types the query's expressions depend on (a number, a text, a true/false), as Audit would read
        // them: from the first 1,000 rows, with the types the plan declares (as 'audit sql' reads them).
        var types = CountsQuery.SampleOf(plan, database).Columns.ToDictionary(c => c.Name, c => c.Type, StringComparer.Ordinal);
        CountsQuery query;
        try
        {
            query = CountsQuery.Build(plan, types, new CountsQueryOptions(Table: table));
        }
        catch (AuditInputException) when (database.Counting == EngineCounting.Auto)
        {
            // Decisions SQL cannot state (the reason is what 'counting: engine' or 'audit sql' would print): the rows are read.
            return plan;
        }
        var sql = query.Render(database.Engine == DatabaseEngine.DuckDb ? SqlDialect.DuckDb : SqlDialect.Postgres);
        // The counts table is small (cells × label × decision); its columns are read as they come (CountsTable reads
        // every value through its text), never with the rows' declared types.
        var counts = plan.Data.Readers.Query(database, sql, options);
        progress?.Invoke("read", 1, 1);
        return plan with
        {
            Data = plan.Data with { Format = DataFormat.Table, Table = counts, Counts = true, EngineQuery = sql },
        };
    }
}
