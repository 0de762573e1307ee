using System.Globalization;
using Audit.Data;
using Audit.Fairness.Cells;
using Audit.Fairness;
using Audit.Fairness.Inference;
using Audit.Models;
using Audit.Results;
using MathNet.Numerics.Distributions;

namespace Audit.Recourse;

/// <summary>
/// The recourse audit over every flagged person (docs/recourse.md): each distinct input row is solved once, then the
/// share with no recourse, the cost of recourse and the levers are summarised overall, by protected group and by
/// intersection, with intervals. Counts are of rows (unweighted).
/// </summary>
public static class RecourseAudit
{
    /// <summary>What a run found: the section and each flagged row's result (null for rows not flagged).</summary>
    public sealed record Outcome(RecourseSection Section, PersonRecourse?[] People);

    /// <param name="groups">The protected attributes' groups, in plan order.</param>
    /// <param name="intersections">Sets of indices into <paramref name="groups"/> to cross.</param>
    public static Outcome Run(RecourseEngine engine, Table table, double[] scores, byte[] flags, IReadOnlyList<GroupAssignment> groups,
        IReadOnlyList<IReadOnlyList<int>> intersections, int minCellSize, double confidence, long seed, LegalRoutes? routes,
        Action<long, long>? progress = null, DisclosurePolicy? hiding = null)
    {
        var codec = engine.Actions.Codec;
        var people = new PersonRecourse?[table.RowCount];
        var solved = new Dictionary<double[], PersonRecourse>(new RowComparer());
        var inputsOf = new double[table.RowCount][];
        // The distinct input rows in order of first appearance, each with the row it first appears on (whose score and
        // seed its solution takes) and how many flagged rows share it.
        var index = new Dictionary<double[], int>(new RowComparer());
        var distinctRows = new List<double[]>();
        var firstRow = new List<int>();
        var sharing = new List<int>();
        long flagged = 0;
        for (var i = 0; i < table.RowCount; i++)
        {
            if (flags[i] != 1)
            {
                continue;
            }
            var row = new double[codec.Count];
            codec.Read(i, row);
            if (!index.TryGetValue(row, out var k))
            {
                index[row] = k = distinctRows.Count;
                distinctRows.Add(row);
                firstRow.Add(i);
                sharing.Add(0);
            }
            sharing[k]++;
            inputsOf[i] = row;
            flagged++;
        }
        var results = SolveAll(engine, distinctRows, firstRow, sharing, scores, seed, flagged, progress);
        for (var k = 0; k < distinctRows.Count; k++)
        {
            solved[distinctRows[k]] = results[k];
        }
        // Data errors, once per distinct input row too.
        var distinct = solved.Keys.ToArray();
        var parallel = engine.Parallelisable;
        var errors = new DataErrorSensitivity(engine.Actions, engine.Score, engine.Target);
        var sensitive = InChunks(parallel, distinct, errors.Run);
        var immutable = new ImmutableCounterfactual(engine.Actions, engine.Score, engine.Target);
        var whoTheyAre = InChunks(parallel, distinct, immutable.Run);
        var sensitiveOf = new Dictionary<double[], (IReadOnlyList<int> Inputs, bool WhoTheyAre)>(new RowComparer());
        for (var k = 0; k < distinct.Length; k++)
        {
            sensitiveOf[distinct[k]] = (sensitive[k], whoTheyAre[k]);
        }
        for (var i = 0; i < table.RowCount; i++)
        {
            if (inputsOf[i] is { } row)
            {
                people[i] = solved[row] with
                {
                    ScoreBefore = scores[i],
                    SensitiveInputs = [.. sensitiveOf[row].Inputs.Select(f => codec.Features[f].Name)],
                    ForWhoTheyAre = sensitiveOf[row].WhoTheyAre,
                };
            }
        }
        var withRecourse = WithRecourse(people, inputsOf);
        var plausibility = Plausibility.Measure(engine.Actions, table, withRecourse);
        var section = Summarise(engine, people, groups, intersections, minCellSize, confidence, routes, hiding ?? DisclosurePolicy.None(minCellSize)) with
        {
            TypicalValues = [.. immutable.Reference.Select(r => $"{r.Feature} = {r.Value}")],
            DistinctInputs = solved.Count,
            Quality = new CounterfactualQuality(
                MeanWithInterval([.. withRecourse.Select(p => (double)people[p.Row]!.Changes.Count)], confidence),
                plausibility?.Counterfactual, plausibility?.Original, plausibility?.Measured ?? 0, plausibility?.Population ?? 0),
        };
        return new Outcome(section, people);
    }

    /// <summary>Each person with recourse found, in row order: the row, its inputs and its inputs once changed.</summary>
    private static List<(int Row, double[] Original, double[] Changed)> WithRecourse(PersonRecourse?[] people, double[][] inputsOf)
    {
        var withRecourse = new List<(int Row, double[] Original, double[] Changed)>();
        for (var i = 0; i < people.Length; i++)
        {
            if (people[i] is { Status: RecourseStatus.Found } found)
            {
                var changed = (double[])inputsOf[i].Clone();
                foreach (var change in found.Changes)
                {
                    changed[change.Feature] = change.To;
                }
                withRecourse.Add((i, inputsOf[i], changed));
            }
        }
        return withRecourse;
    }

    /// <summary>People per chunk of <see cref="InChunks"/>.</summary>
    private const int PeopleChunk = 8192;

    /// <summary>
    /// A per-person computation over fixed chunks of people, on every core when <paramref name="parallel"/> (the
    /// engine's scorer keeps no state): each person's answer depends only on their own rows, so it is the same
    /// whatever the chunks and threads.
    /// </summary>
    internal static T[] InChunks<T>(bool parallel, double[][] people, Func<IReadOnlyList<double[]>, T[]> run, int? maxDegreeOfParallelism = null)
    {
        if (!parallel || people.Length <= PeopleChunk)
        {
            return run(people);
        }
        var parts = new T[(people.Length + PeopleChunk - 1) / PeopleChunk][];
        Parallel.For(0, parts.Length, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism ?? Environment.ProcessorCount },
            c => parts[c] = run(new ArraySegment<double[]>(people, c * PeopleChunk, Math.Min(PeopleChunk, people.Length - c * PeopleChunk))));
        return [.. parts.SelectMany(p => p)];
    }

    /// <summary>People solved per batch; progress is reported after each.</summary>
    private const int SolveBatch = 2048;

    /// <summary>
    /// Every distinct input row's solution, in order. When the engine allows it (<see cref="RecourseEngine.Parallelisable"/>,
    /// once the first rows have fixed what the first person fixes), rows are solved on every core, each on its own copy
    /// of the engine; a row's solution depends only on the row, its first row's score and seed, so the results are the
    /// same whatever the number of threads (issue 21).
    /// </summary>
    internal static PersonRecourse[] SolveAll(RecourseEngine engine, IReadOnlyList<double[]> rows, IReadOnlyList<int> firstRow, IReadOnlyList<int> sharing,
        double[] scores, long seed, long flagged, Action<long, long>? progress, int? maxDegreeOfParallelism = null)
    {
        var results = new PersonRecourse[rows.Count];
        long done = 0;
        var k = 0;
        for (; k < rows.Count && !engine.Parallelisable; k++)
        {
            results[k] = engine.Solve(rows[k], scores[firstRow[k]], seed + firstRow[k]);
            done += sharing[k];
            progress?.Invoke(done, flagged);
        }
        if (k == rows.Count)
        {
            return results;
        }
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism ?? Environment.ProcessorCount };
        var workers = new System.Collections.Concurrent.ConcurrentBag<RecourseEngine>();
        for (var start = k; start < rows.Count; start += SolveBatch)
        {
            var end = Math.Min(rows.Count, start + SolveBatch);
            Parallel.For(start, end, parallel, () => workers.TryTake(out var w) ? w : engine.Worker(), (j, _, worker) =>
            {
                results[j] = worker.Solve(rows[j], scores[firstRow[j]], seed + firstRow[j]);
                return worker;
            }, workers.Add);
            for (var j = start; j < end; j++)
            {
                done += sharing[j];
            }
            progress?.Invoke(done, flagged);
        }
        return results;
    }

    private static RecourseSection Summarise(RecourseEngine engine, PersonRecourse?[] people, IReadOnlyList<GroupAssignment> groups,
        IReadOnlyList<IReadOnlyList<int>> intersections, int minCellSize, double confidence, LegalRoutes? routes, DisclosurePolicy hiding)
    {
        var flaggedRows = Enumerable.Range(0, people.Length).Where(i => people[i] is not null).ToArray();
        var facts = FlaggedFacts.Of(people, flaggedRows, groups);
        var all = Summary(facts, [.. Enumerable.Range(0, flaggedRows.Length)], confidence);
        var byGroup = new List<RecourseGroups>();
        var sets = groups.Select((_, a) => (IReadOnlyList<int>)[a]).Concat(intersections).ToArray();
        var hidden = FlaggedTableHiding(facts, groups, sets, minCellSize);
        // Which levels of each attribute occur in the population: one pass per attribute, shared by every table.
        var occurring = groups.Select(OccurringLabels).ToArray();
        for (var t = 0; t < sets.Length; t++)
        {
            byGroup.Add(ByGroup(people.Length, facts, groups, sets[t], occurring, minCellSize, confidence, key => hiding.IsSuppressed(key) || hidden[t].Contains(key)));
        }
        var found = flaggedRows.Select(i => people[i]!).Where(p => p.Status == RecourseStatus.Found).ToList();
        var levers = Levers(engine, found, minCellSize);
        var flaggedPeople = flaggedRows.Select(i => people[i]!).ToList();
        var hinge = flaggedPeople.Count(p => p.SensitiveInputs.Count > 0);
        var dataErrors = new DataErrorSummary(
            DataErrorSensitivity.DefaultBand,
            flaggedPeople.Count == 0 ? Metric.UndefinedBecause("nobody is flagged") : Share(hinge, flaggedPeople.Count, confidence),
            engine.Actions.Rules.Select(r => r.Feature).Select(name =>
            {
                var count = flaggedPeople.Count(p => p.SensitiveInputs.Contains(name));
                var small = MinimumCell.TooFew(count, minCellSize);
                return new DataErrorInput(name, small ? null : count, flaggedPeople.Count == 0 ? Metric.UndefinedBecause("nobody is flagged")
                    : small ? Metric.SuppressedCell() : Metric.Of((double)count / flaggedPeople.Count, flaggedPeople.Count));
            }).OrderByDescending(x => x.People ?? -1).ThenBy(x => x.People is null ? x.Feature : "", StringComparer.Ordinal).ToArray());
        var target = engine.Target;
        var notes = new List<RecourseNote>();
        if (!engine.Exact)
        {
            notes.Add(new RecourseNote(RecourseNote.BlackBox));
        }
        var fellBack = flaggedRows.Count(i => people[i]!.Method == "search");
        if (engine.Exact && fellBack > 0)
        {
            notes.Add(new RecourseNote(RecourseNote.SearchFallback, People: fellBack));
        }
        if (engine.Actions.Rules.Any(r => r.Origin.StartsWith("not stated", StringComparison.Ordinal)))
        {
            notes.Add(new RecourseNote(RecourseNote.UnstatedActionability,
                Inputs: [.. engine.Actions.Rules.Where(r => r.Origin.StartsWith("not stated", StringComparison.Ordinal)).Select(r => r.Feature)]));
        }
        return new RecourseSection
        {
            Method = engine.Method,
            ProvenOptimal = engine.Exact && fellBack == 0,
            Adverse = target.Adverse.ToString().ToLowerInvariant(),
            Cutoff = target.Cutoff,
            CutoffMovesWithCapacity = target.Ranked,
            TargetGrade = target.Grade?.Name,
            FixedByOverride = target.Grade is null ? null : flaggedRows.Count(i => people[i]!.FixedByOverride),
            ImpliedCutoff = target.Implied ? true : null,
            Cost = RecourseSection.PercentileShiftCost,
            Resolution = engine.Exact ? new RecourseResolution(RecourseProblem.ReductionResolution, RecourseProblem.CostResolution) : null,
            Features = engine.Actions.Rules.Select((r, f) => Describe(engine.Actions, r, f)).ToArray(),
            Flagged = flaggedRows.Length,
            DistinctInputs = 0,
            NoRecourse = all.NoRecourse,
            ForWhoTheyAre = all.ForWhoTheyAre,
            NotFound = flaggedRows.Count(i => people[i]!.Status == RecourseStatus.NotFound),
            MeanCost = all.Mean,
            MedianCost = all.Median,
            ByGroup = byGroup,
            Levers = levers,
            DataErrors = dataErrors,
            Routes = routes,
            Notes = notes,
        };
    }

    /// <summary>How often each actionable input is part of the changes found, and how often it is the only one.</summary>
    private static List<RecourseLever> Levers(RecourseEngine engine, List<PersonRecourse> found, int minCellSize)
    {
        var levers = new List<RecourseLever>();
        for (var f = 0; f < engine.Actions.Rules.Count; f++)
        {
            if (!engine.Actions.Rules[f].IsActionable)
            {
                continue;
            }
            var used = found.Count(p => p.Changes.Any(c => c.Feature == f));
            var alone = found.Count(p => p.Changes.Count == 1 && p.Changes[0].Feature == f);
            // Counts below the minimum cell size are hidden, and with them the share (which gives the count back).
            levers.Add(new RecourseLever(engine.Actions.Rules[f].Feature, MinimumCell.TooFew(used, minCellSize) ? null : used,
                found.Count == 0 ? Metric.UndefinedBecause("no flagged person has recourse")
                    : MinimumCell.TooFew(used, minCellSize) ? Metric.SuppressedCell() : Metric.Of((double)used / found.Count, found.Count),
                MinimumCell.TooFew(alone, minCellSize) ? null : alone));
        }
        return levers;
    }

    /// <summary>
    /// The recourse table of one attribute or intersection. Every group of the population is listed, those with no one
    /// flagged too: a missing line would say "0 flagged". The listing rule is the fairness section's
    /// (<see cref="GroupStatistics.ListedCells"/>): every crossing of levels that occur, empty ones included (hidden like
    /// small ones), since listing only non-empty crossings told what every member of a hidden group shares.
    /// </summary>
    private static RecourseGroups ByGroup(int rowCount, FlaggedFacts facts, IReadOnlyList<GroupAssignment> groups, IReadOnlyList<int> set,
        IReadOnlyList<IReadOnlySet<string>?> occurring, int minCellSize, double confidence, Func<GroupKey, bool> hidden)
    {
        var attributes = set.Select(a => groups[a].Attribute).ToArray();
        var members = set.Select(a => groups[a]).ToArray();
        var layout = CellLayout.Of(members);
        var listed = set.All(a => occurring[a] is not null)
            ? ListedCells(layout, [.. set.Select(a => occurring[a]!)])
            // Codes outside the levels: the statistics' own listing, over every row, as before.
            : GroupStatistics.Accumulate(members, new byte[rowCount], [], []).ListedCells();
        // The flagged of each cell, in row order (a counting sort by cell), from the flagged's own codes.
        var n = facts.Found.Length;
        var cellOf = new int[n];
        var starts = new int[layout.CellCount + 1];
        for (var k = 0; k < n; k++)
        {
            var cell = 0;
            for (var a = 0; a < set.Count; a++)
            {
                cell = cell * layout.Radix(a) + facts.Codes[set[a]][k];
            }
            cellOf[k] = cell;
            starts[cell + 1]++;
        }
        for (var c = 0; c < layout.CellCount; c++)
        {
            starts[c + 1] += starts[c];
        }
        var byCell = new int[n];
        var next = starts[..^1];
        for (var k = 0; k < n; k++)
        {
            byCell[next[cellOf[k]]++] = k;
        }
        var rows = new List<RecourseGroup>();
        foreach (var cell in listed.OrderBy(c => string.Join('\u001f', layout.CellLabels(c)), StringComparer.Ordinal))
        {
            var key = GroupKey.Of(attributes, layout.CellLabels(cell));
            var count = starts[cell + 1] - starts[cell];
            if (MinimumCell.TooFew(count, minCellSize) || hidden(key))
            {
                rows.Add(new RecourseGroup(key, Metric.SuppressedCell(), Metric.SuppressedCell(), Metric.SuppressedCell(), Metric.SuppressedCell(), Metric.SuppressedCell()));
                continue;
            }
            var s = Summary(facts, byCell.AsSpan(starts[cell], count), confidence);
            rows.Add(new RecourseGroup(key, Metric.Of(count, count), s.NoRecourse, s.Mean, s.Median, s.ForWhoTheyAre));
        }
        return new RecourseGroups(attributes, rows);
    }

    /// <summary>
    /// What the summaries read of each flagged person (k-th flagged row), in flat arrays: the group codes, whether a
    /// change was found, its cost, whether they are flagged for who they are. The tables of 25 attribute sets read
    /// these instead of following every person's record and the population's 13.8 M-row code columns (issue 21).
    /// </summary>
    private sealed record FlaggedFacts(int[][] Codes, bool[] Found, double[] Cost, bool[] ForWhoTheyAre)
    {
        public static FlaggedFacts Of(PersonRecourse?[] people, int[] flaggedRows, IReadOnlyList<GroupAssignment> groups)
        {
            var n = flaggedRows.Length;
            var (found, cost, who) = (new bool[n], new double[n], new bool[n]);
            for (var k = 0; k < n; k++)
            {
                var person = people[flaggedRows[k]]!;
                found[k] = person.Status == RecourseStatus.Found;
                cost[k] = person.Cost;
                who[k] = person.ForWhoTheyAre;
            }
            var codes = groups.Select(g =>
            {
                var flagged = new int[n];
                for (var k = 0; k < n; k++)
                {
                    flagged[k] = g.Codes[flaggedRows[k]];
                }
                return flagged;
            }).ToArray();
            return new FlaggedFacts(codes, found, cost, who);
        }
    }

    /// <summary>
    /// The labels of an attribute's levels that some row holds; null when a row's code is not one of its levels (the
    /// statistics then list the cells themselves).
    /// </summary>
    internal static IReadOnlySet<string>? OccurringLabels(GroupAssignment groups)
    {
        var seen = new bool[groups.Levels.Length];
        foreach (var code in groups.Codes)
        {
            if ((uint)code >= (uint)seen.Length)
            {
                return null;
            }
            seen[code] = true;
        }
        return groups.Levels.Where((_, code) => seen[code]).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// The cells a table lists, as <see cref="GroupStatistics.ListedCells"/> lists them over every row, in cell order:
    /// a cell with rows has every one of its levels occurring, and an empty cell is listed when its levels all occur,
    /// so the listed cells are the crossings of the levels that occur. Known from each attribute's occurring levels
    /// alone, without counting the population's rows into the cells of every table again (issue 21).
    /// </summary>
    internal static IEnumerable<int> ListedCells(CellLayout layout, IReadOnlySet<string>[] occurring)
    {
        for (var c = 0; c < layout.CellCount; c++)
        {
            var labels = layout.CellLabels(c);
            var all = true;
            for (var a = 0; a < labels.Length && all; a++)
            {
                all = occurring[a].Contains(labels[a]);
            }
            if (all)
            {
                yield return c;
            }
        }
    }

    /// <summary>
    /// Complementary suppression (<see cref="ComplementarySuppression"/>) of the tables of flagged people: a group with
    /// fewer flagged than the minimum cell size is hidden, and further groups so that no hidden one comes back from the
    /// overall flagged and no-recourse figures by subtraction.
    /// </summary>
    private static IReadOnlyList<IReadOnlySet<GroupKey>> FlaggedTableHiding(FlaggedFacts facts, IReadOnlyList<GroupAssignment> groups,
        IReadOnlyList<IReadOnlyList<int>> sets, int minCellSize)
    {
        var flaggedGroups = groups.Select((g, a) => new GroupAssignment(g.Attribute, facts.Codes[a], g.Levels)).ToArray();
        // "Decision" 1 = no recourse, so both the flagged and the no-recourse counts of a cell are in the statistics.
        var noRecourse = facts.Found.Select(found => (byte)(found ? 0 : 1)).ToArray();
        var tables = sets.Select(set => GroupStatistics.Accumulate(set.Select(a => flaggedGroups[a]).ToArray(), noRecourse, [], [])).ToArray();
        return ComplementarySuppression.Apply(tables, c => MinimumCell.TooFew(c.Count(), minCellSize), null, minCellSize).Groups;
    }

    private static string LevelOf(GroupAssignment groups, int row) => groups.Codes[row] < 0 ? GroupAssignment.MissingLabel : groups.Levels[groups.Codes[row]];

    /// <summary>The summary of some flagged people (indices into <paramref name="facts"/>, in row order).</summary>
    private static (Metric NoRecourse, Metric Mean, Metric Median, Metric ForWhoTheyAre) Summary(FlaggedFacts facts, ReadOnlySpan<int> members, double confidence)
    {
        var n = members.Length;
        if (n == 0)
        {
            var none = Metric.UndefinedBecause("no flagged person");
            return (none, none, none, none);
        }
        // "No recourse" counts proofs (exact) and search failures alike; the section's method says which.
        // One loop over flat arrays (issue 21: 25 tables of 166,000 flagged people); Array.Sort on primitives, not LINQ's Order().
        var (found, forWhoTheyAre) = (0, 0);
        foreach (var k in members)
        {
            found += facts.Found[k] ? 1 : 0;
            forWhoTheyAre += facts.ForWhoTheyAre[k] ? 1 : 0;
        }
        var costs = new double[found];
        var j = 0;
        foreach (var k in members)
        {
            if (facts.Found[k])
            {
                costs[j++] = facts.Cost[k];
            }
        }
        Array.Sort(costs);
        return (Share(n - found, n, confidence), MeanWithInterval(costs, confidence), MedianWithInterval(costs, confidence),
            Share(forWhoTheyAre, n, confidence));
    }

    /// <summary>A share with its Wilson interval.</summary>
    private static Metric Share(long count, long n, double confidence)
    {
        var interval = ProportionInterval.Wilson(count, n, confidence);
        return Metric.Of((double)count / n, n) with { Ci = interval is null ? null : [interval.Lower, interval.Upper] };
    }

    /// <summary>The mean with a normal-approximation interval, mean ± z·s/√n (s the sample standard deviation).</summary>
    internal static Metric MeanWithInterval(double[] values, double confidence)
    {
        var n = values.Length;
        if (n == 0)
        {
            return Metric.UndefinedBecause("no flagged person has recourse", 0);
        }
        var mean = values.Average();
        if (n == 1)
        {
            return Metric.Of(mean, 1);
        }
        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (n - 1));
        var half = Normal.InvCDF(0, 1, (1 + confidence) / 2) * sd / Math.Sqrt(n);
        return Metric.Of(mean, n) with { Ci = [mean - half, mean + half] };
    }

    /// <summary>
    /// The median (of sorted values) with the distribution-free order-statistic interval: ranks n/2 ∓ z·√n/2
    /// (Conover, Practical Nonparametric Statistics, 3rd ed., 1999, section 3.2; the normal approximation to the binomial).
    /// </summary>
    internal static Metric MedianWithInterval(double[] sorted, double confidence)
    {
        var n = sorted.Length;
        if (n == 0)
        {
            return Metric.UndefinedBecause("no flagged person has recourse", 0);
        }
        var median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        var z = Normal.InvCDF(0, 1, (1 + confidence) / 2);
        var lower = (int)Math.Floor(n / 2.0 - z * Math.Sqrt(n) / 2);
        var upper = (int)Math.Ceiling(n / 2.0 + z * Math.Sqrt(n) / 2);
        if (lower < 0 || upper > n - 1)
        {
            return Metric.Of(median, n);
        }
        return Metric.Of(median, n) with { Ci = [sorted[lower], sorted[upper]] };
    }

    private static RecourseFeature Describe(ActionabilityModel actions, FeatureRule rule, int feature)
    {
        var kind = rule.LegalEvent ? "legal_event" : rule.Actionability switch
        {
            Actionability.IncreaseOnly => "increase_only",
            Actionability.DecreaseOnly => "decrease_only",
            Actionability.Free => "free",
            _ => "immutable",
        };
        string? range = null;
        if (rule.IsActionable)
        {
            range = rule.Type switch
            {
                ColumnType.Numeric => $"{rule.Min?.ToString("G6", CultureInfo.InvariantCulture)} to {rule.Max?.ToString("G6", CultureInfo.InvariantCulture)}"
                    + (rule.Step is { } step ? $", step {step.ToString("G6", CultureInfo.InvariantCulture)}" : $", {actions.GridOf(feature).Count} grid values")
                    + (rule.MaxChange is { } reach ? $", at most {reach.ToString("G6", CultureInfo.InvariantCulture)} from a person's value" : ""),
                ColumnType.Boolean => "true or false",
                _ => "levels " + string.Join(", ", rule.Levels ?? actions.Codec.LevelsOf(feature)),
            };
        }
        var cost = !rule.IsActionable ? "n/a"
            : rule.Type == ColumnType.Categorical || rule.ChangeCost is not null ? $"{(rule.ChangeCost ?? ActionabilityModel.DefaultChangeCost) * rule.CostWeight:0.###} per change"
            : rule.CostPerUnit is { } perUnit ? $"{perUnit * rule.CostWeight:G4} per unit"
            : rule.CostWeight == 1 ? "percentile shift" : $"percentile shift × {rule.CostWeight:G4}";
        return new RecourseFeature(rule.Feature, rule.Type.ToString().ToLowerInvariant(), kind, rule.Origin, range, cost, rule.Note);
    }

    /// <summary>Rows of inputs compared value by value (NaN equals NaN).</summary>
    private sealed class RowComparer : IEqualityComparer<double[]>
    {
        public bool Equals(double[]? x, double[]? y) => x is not null && y is not null && x.AsSpan().SequenceEqual(y);

        public int GetHashCode(double[] row)
        {
            var hash = new HashCode();
            foreach (var v in row)
            {
                hash.Add(v);
            }
            return hash.ToHashCode();
        }
    }
}
