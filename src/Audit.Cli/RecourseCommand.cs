using System.CommandLine;
using System.Globalization;
using System.Text;
using Audit.Plan;
using Audit.Recourse;
using Audit.Reporting;
using Audit.Results;

namespace Audit.Cli;

/// <summary><c>audit recourse PLAN [--person ID]</c>: one person's cheapest changes and routes to contest, or the population summary.</summary>
internal static class RecourseCommand
{
    public static readonly Option<string?> PersonOption = new("--person")
    {
        Description = "The id (the plan's roles.id column) of one person: their cheapest change and the routes to contest.",
    };

    public static Command Build(CliContext context)
    {
        var plan = new Argument<string>("PLAN") { Description = "The audit plan (YAML); its 'recourse' key sets the actionability rules and the jurisdiction (docs/recourse.md)." };
        var command = new Command("recourse", """
            What flagged people could change to stop being flagged, and where to contest.
            With --person: one person's cheapest change (or the proof that none exists) and the routes.
            Without: the recourse audit of every flagged person, by protected group (printed as Markdown).

            Example:
              audit recourse plan.yaml --person 1042
              audit recourse plan.yaml
            """);
        command.Arguments.Add(plan);
        command.Options.Add(PersonOption);
        command.Options.Add(RunCommand.DataOption);
        command.Options.Add(RunCommand.SeedOption);
        RunCommand.AddGrantOptions(command);
        command.SetAction(parse =>
        {
            RunCommand.ReadGrants(parse, context);
            return Execute(context, parse.GetValue(plan)!, parse.GetValue(PersonOption), parse.GetValue(RunCommand.DataOption), parse.GetValue(RunCommand.SeedOption));
        });
        return command;
    }

    public static int Execute(CliContext context, string planPath, string? person, string? data, long? seed)
    {
        var plan = context.AuditContext.ReadPlan(planPath, data, context.GrantedLimits, context.GrantedRoot);
        plan = plan with { Seed = seed ?? plan.Seed, Recourse = plan.Recourse ?? new RecourseOptions() };
        if (person is null)
        {
            var result = context.WithProgress(progress => Auditor.Run(plan, context.CommandLine, progress));
            var md = new StringBuilder();
            RecourseMarkdown.Append(md, result.Recourse!);
            context.Out.Write(md.ToString());
            return ExitCodes.Success;
        }
        var report = Auditor.RecourseForPerson(plan, person);
        if (report is null)
        {
            context.Error.WriteLine($"error: no person with id '{person}' in {plan.Data.Display}");
            context.Error.WriteLine($"hint: ids are read from the column '{plan.Id?.Name}' (the plan's roles.id)");
            return ExitCodes.BadInput;
        }
        PrintPerson(context.Out, report);
        return ExitCodes.Success;
    }

    /// <summary>For a partially published spec: which model the answer is for, and the person's ranges over the sampled models.</summary>
    private static void PrintSampled(TextWriter o, PersonReport report, PersonUnderSampledModels p)
    {
        string G(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
        o.WriteLine($"Model: {report.Model}. The spec gives {p.SampledCoefficients} coefficient(s) only by sign, interval or not at all, so the score, cut-off and change here are "
            + $"those of its central model (signs at ±{G(p.Magnitude / 2)} per standard deviation or level, interval midpoints, unknown values at 0), an assumption of the audit.");
        var lifts = p.ChangeLiftsIn is { } j ? $"; the change below lifts the flag under {j} of those {p.FlaggedIn} (each model's own cut-off, everyone else's score held)" : "";
        o.WriteLine($"Over the {p.Samples} sampled models of the partial-model design (seed {p.Seed}): score {G(p.ScoreMin)} to {G(p.ScoreMax)}, rank {p.RankMin} to {p.RankMax}; "
            + $"flagged under {p.FlaggedIn} of the {p.Samples} sampled models{lifts}.");
    }

    private static void PrintPerson(TextWriter o, PersonReport report)
    {
        var cutoff = report.Cutoff?.ToString("G6", CultureInfo.InvariantCulture) ?? "none";
        var score = report.Score.ToString("G6", CultureInfo.InvariantCulture);
        if (!report.Flagged)
        {
            // Said first and plainly: there is no flag to escape, so no change to look for.
            o.WriteLine($"Person {report.Id} is not flagged (score {score}, cut-off {cutoff}): there is no flag to lift, so no change is sought.");
        }
        else
        {
            o.WriteLine($"Person {report.Id} is flagged (score {score}, cut-off {cutoff}).");
        }
        if (report.PartialModel is { } sampled)
        {
            PrintSampled(o, report, sampled);
        }
        if (report.Recourse is { } r)
        {
            if (r.Status == RecourseStatus.Found)
            {
                o.WriteLine($"Cheapest change ({(r.ProvenOptimal ? "proven cheapest" : "found by search, not proven cheapest")}; cost {r.Cost.ToString("0.000", CultureInfo.InvariantCulture)}; "
                    + $"the model re-scores it {r.ScoreAfter.ToString("G6", CultureInfo.InvariantCulture)}):");
                foreach (var change in r.Changes)
                {
                    o.WriteLine($"  - {change.Name}: {change.FromText} -> {change.ToText} (cost {change.Cost.ToString("0.000", CultureInfo.InvariantCulture)})");
                }
            }
            else if (r.Status == RecourseStatus.None)
            {
                o.WriteLine("No change within the stated rules (what can change, in which direction, how far, how many at once) unflags this person (proven).");
            }
            else
            {
                o.WriteLine("The search found no change (not a proof that none exists).");
            }
            if (report.Ranked)
            {
                o.WriteLine("The cut-off is the score of the last person flagged under the capacity in force: it moves with the capacity and with everyone else's scores.");
            }
            if (r.ForWhoTheyAre)
            {
                o.WriteLine("Flagged for who they are: with the population's typical values for what they cannot change, they would not be flagged.");
            }
            o.WriteLine(r.SensitiveInputs.Count > 0
                ? $"Records to check first: a plausible error in {string.Join(" or ", r.SensitiveInputs)} alone would lift the flag (a numeric value within {DataErrorSensitivity.DefaultBand * 100:0} percentile points, a yes/no the other way, another category)."
                : "No plausible error in a single recorded input would lift the flag on its own.");
            var fixedInputs = report.FixedInputs.Select(input => input.Feature + (input.LegalEvent ? " (legal event)" : "")).ToArray();
            if (fixedInputs.Length > 0)
            {
                o.WriteLine("Not proposed as changes: " + string.Join(", ", fixedInputs) + ".");
            }
        }
        if (report.Routes is { } routes)
        {
            o.WriteLine();
            o.WriteLine(report.Flagged ? $"How to contest ({routes.Name}):" : $"How to contest, should a decision about this person still be taken ({routes.Name}):");
            foreach (var route in routes.Routes.OrderBy(x => x.Contests == "flag" ? 0 : 1))
            {
                var applies = route.DecisionTypes.Count == 0 ? "" : $" [{string.Join(", ", route.DecisionTypes)}]";
                o.WriteLine($"  - {(route.Contests == "flag" ? "the flag" : "the decision")}{applies}: {route.Name}. {route.Body}. Deadline: {route.Deadline ?? "none stated"}."
                    + (route.Then is { } then ? $" Then: {then}." : "") + $" Basis: {route.LegalBasis}.");
            }
            if (routes.Mention is { } mention)
            {
                o.WriteLine();
                o.WriteLine("Mention required on an algorithmic decision (CRPA R311-3-1-1), as drafted in the jurisdiction file:");
                o.WriteLine("  " + mention);
            }
        }
    }
}
