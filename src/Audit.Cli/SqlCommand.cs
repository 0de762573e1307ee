using System.CommandLine;
using Audit.Sql;

namespace Audit.Cli;

/// <summary><c>audit sql PLAN --dialect D</c>: the one counts query an engine runs for the plan (docs/national-scale.md, "Let the engine count: audit sql").</summary>
internal static class SqlCommand
{
    public static Command Build(CliContext context)
    {
        var plan = new Argument<string>("PLAN") { Description = "The audit plan (YAML); see docs/audit-plan.md." };
        var dialect = new Option<string>("--dialect", "-d")
        {
            Description = "The engine's SQL: duckdb, postgres, spark, bigquery or trino.",
            Required = true,
        };
        var table = new Option<string?>("--table", "-t")
        {
            Description = "The table (or view) holding the rows, e.g. caf.households or project.dataset.households " +
                          "(default: the stem of the plan's data file, e.g. 'compas-scores-two-years' for compas-scores-two-years.csv, " +
                          "or of the population spec for generated rows, e.g. 'caf-france').",
        };
        var output = new Option<string?>("--out", "-o") { Description = "Write the query to this file instead of printing it." };
        var dataScale = new Option<int>("--data-scale")
        {
            Description = "Decimal places numeric model inputs are read with when the score is computed in SQL (default 6).",
            DefaultValueFactory = _ => CountsQuery.DefaultDataScale,
        };
        var command = new Command("sql", """
            Print the one SQL query that makes an engine count what the plan's audit needs: one row per cell of
            the protected groups x label x decision with its number of rows (docs/counts-format.md). The engine
            runs it where the data live; only that small table travels, and 'audit run' finishes from it with
            'data: { counts: FILE }'. Bands, group merges, the filter and the label coding are translated; the
            decision is a decision column, a score against a threshold, or a declarative spec scored in exact
            DECIMAL under Audit's tie rule; a top_fraction or budget cut-off ranks by ROW_NUMBER(), ties broken
            by the id column. A plan the query cannot express (a trained model, a partly published spec,
            derived columns) is refused with the reason and what to do instead (exit code 2).

            The column types are read from the plan's data (--data to name another copy; a sample of a
            generated population); without the data, from the types the plan ('columns:') and the model declare.

            Example:
              audit sql datasets/plans/compas-propublica.yaml --dialect duckdb --data compas.csv --table compas -o counts.sql
              duckdb compas.duckdb -csv < counts.sql > counts.csv
              audit sql datasets/plans/caf-reconstructed.yaml --dialect bigquery --table caf.households --root .
            """);
        command.Arguments.Add(plan);
        command.Options.Add(dialect);
        command.Options.Add(table);
        command.Options.Add(output);
        command.Options.Add(dataScale);
        command.Options.Add(RunCommand.DataOption);
        RunCommand.AddGrantOptions(command);
        command.SetAction(parse =>
        {
            RunCommand.ReadGrants(parse, context);
            return Execute(context, parse.GetValue(plan)!, parse.GetValue(dialect)!, parse.GetValue(table), parse.GetValue(output), parse.GetValue(dataScale), parse.GetValue(RunCommand.DataOption));
        });
        return command;
    }

    private static int Execute(CliContext context, string planPath, string dialectName, string? table, string? output, int dataScale, string? data)
    {
        var dialect = CountsQuery.ParseDialect(dialectName);
        if (dataScale is < 0 or > 12)
        {
            throw new AuditInputException("out of range", keyPath: "--data-scale", expected: "0 to 12 decimal places", found: dataScale.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        var plan = context.AuditContext.ReadPlan(planPath, data, context.GrantedLimits, context.GrantedRoot);
        var query = CountsQuery.Build(plan, CountsQuery.ColumnTypesOf(plan), new CountsQueryOptions(table, dataScale));
        var sql = query.Render(dialect);
        if (output is null)
        {
            context.Out.Write(sql);
            return ExitCodes.Success;
        }
        // Written whole or not at all: a temporary file beside the target, then moved over it.
        var full = Path.GetFullPath(output);
        var temporary = full + ".tmp";
        File.WriteAllText(temporary, sql);
        File.Move(temporary, full, overwrite: true);
        if (!context.Quiet)
        {
            context.Out.WriteLine($"Wrote the {dialectName.ToLowerInvariant()} counts query of '{plan.Name}' (table {query.Table}) to {output}");
        }
        return ExitCodes.Success;
    }
}
