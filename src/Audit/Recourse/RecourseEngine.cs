using Audit.Results;
using Audit.Data;
using Audit.Models;
using Audit.Policy;

namespace Audit.Recourse;

/// <summary>
/// Finds each flagged person's cheapest change with the best method the model's capabilities allow: the exact
/// dynamic programme (checked against CP-SAT in the tests) for an additive model, CP-SAT on the leaves for a tree
/// ensemble, a growing-spheres search otherwise. Every change found is re-scored by the model's own scorer and must
/// come out favourable; a change that rounding let through is solved again with a stricter requirement.
/// </summary>
public sealed class RecourseEngine
{
    /// <summary>How many times a change that fails re-scoring is solved again with a stricter requirement.</summary>
    private const int VerificationRetries = 3;

    private readonly IScoringModel model;
    private readonly AdditiveRecourse? additive;
    private readonly TreeRecourse? trees;
    private readonly SearchRecourse search;
    private readonly (double Boundary, int Orientation)? boundary;
    private readonly Func<double, double>? scoreOfSum;
    private readonly RecourseOptions options;
    private readonly int? maxChanges;

    private RecourseEngine(IScoringModel model, ActionabilityModel actions, DecisionTarget target, string method,
        AdditiveRecourse? additive, TreeRecourse? trees, Func<double, double>? scoreOfSum, RecourseOptions options)
    {
        maxChanges = options.MaxChanges;
        this.options = options;
        this.model = model;
        Actions = actions;
        Target = target;
        Method = method;
        this.additive = additive;
        this.trees = trees;
        this.scoreOfSum = scoreOfSum;
        boundary = scoreOfSum is null ? null : BoundaryOf(target, scoreOfSum);
        search = new SearchRecourse(actions, Score, target, options.SearchSamples, options.MaxChanges);
    }

    /// <summary>
    /// The same engine (model, rules, method) aiming at another target: a grade policy's person one grade better
    /// than they are, say. Nothing of the population is computed again.
    /// </summary>
    public RecourseEngine WithTarget(DecisionTarget target) =>
        new(model, Actions, target, Method, additive, trees, scoreOfSum, options);

    /// <summary>
    /// Whether flagged people may be solved on several threads (<see cref="Worker"/>): the exact additive programme over
    /// the library's own linear model, whose scoring keeps no state, once the first person's problem has fixed the
    /// slopes. Other models (ML.NET, ONNX, trees, the search) are solved one person at a time, as before.
    /// </summary>
    internal bool Parallelisable => additive is { SlopesKnown: true } && model is LinearModel;

    /// <summary>The same engine for another thread: its own contribution cache and scratch space (<see cref="Parallelisable"/>).</summary>
    internal RecourseEngine Worker() =>
        Parallelisable ? new(model, Actions, Target, Method, additive!.Worker(), trees, scoreOfSum, options)
            : throw new InvalidOperationException("This engine solves one person at a time.");

    /// <summary>
    /// Where the favourable side begins in the explanation space. When the cut-off itself is favourable (a grade's
    /// lower bound), the boundary is moved five resolution steps towards the adverse side, so that a change landing
    /// exactly on the bound (850 points for grade B) is not lost to the integer requirement's extra step; the model's
    /// own score then decides, and a change that falls short is solved again with a stricter requirement.
    /// </summary>
    private static (double Boundary, int Orientation)? BoundaryOf(DecisionTarget target, Func<double, double> scoreOfSum)
    {
        if (target.InSumSpace(scoreOfSum) is not { } b)
        {
            return null;
        }
        return target.CutoffFavourable ? (b.Boundary + b.Orientation * InclusiveSlack * RecourseProblem.ReductionResolution, b.Orientation) : b;
    }

    /// <summary>Resolution steps the boundary of an inclusive cut-off is moved by (<see cref="BoundaryOf"/>).</summary>
    private const int InclusiveSlack = 5;

    public ActionabilityModel Actions { get; }

    public DecisionTarget Target { get; }

    /// <summary>"exact-additive", "exact-trees" or "search".</summary>
    public string Method { get; }

    public bool Exact => Method != "search";

    /// <summary>Picks the method from the model's capabilities and the plan's <c>method</c>.</summary>
    public static RecourseEngine Create(IScoringModel model, Table population, RecourseOptions options, DecisionTarget target, string? planFile = null)
    {
        var wantSearch = options.Method == "search";
        // Where the model's output jumps, when its structure says so (a search uses them too, so that it looks at the same candidates).
        var breaks = model is ITreeEnsemble trees ? TreeRecourse.Breakpoints(trees)
            : (model as IBinnedInputs)?.BinEdges;
        if (!wantSearch && model is IAdditiveModel additiveModel)
        {
            var actions = ActionabilityModel.Build(model, population, options, breaks, planFile);
            return new RecourseEngine(model, actions, target, "exact-additive", new AdditiveRecourse(additiveModel, actions), null,
                additiveModel.ScoreFromSum, options);
        }
        if (!wantSearch && model is ITreeEnsemble ensemble)
        {
            var actions = ActionabilityModel.Build(model, population, options, breaks, planFile);
            if (TreeRecourse.TryCreate(ensemble, actions) is { } treeRecourse)
            {
                return new RecourseEngine(model, actions, target, "exact-trees", null, treeRecourse,
                    m => TreeRecourse.ScoreOfMargin(ensemble, m), options);
            }
        }
        if (options.Method == "exact")
        {
            throw new AuditInputException("exact recourse needs a model whose structure is known (additive terms or a tree ensemble over the table's columns)",
                file: planFile, keyPath: "recourse.method", expected: "auto or search for this model");
        }
        var searchActions = ActionabilityModel.Build(model, population, options, breaks, planFile);
        return new RecourseEngine(model, searchActions, target, "search", null, null, null, options);
    }

    /// <summary>
    /// The model's own scores of rows of inputs. For a grade target, the grade decides: a row whose override rules
    /// keep it from the grade to reach scores as the most adverse value (−∞ with a low adverse tail), a row they lift
    /// to it as the most favourable, so every check on a score (the engines', the search's, the data errors', the
    /// typical values') sees the grade the model assigns, overrides included.
    /// </summary>
    public double[] Score(IReadOnlyList<double[]> rows)
    {
        var table = Actions.Codec.Build(rows);
        var scores = model.Score(table);
        if (Target.Grade is { } goal && model.Grade(table, scores) is { } grades)
        {
            var low = Target.Adverse == AdverseTail.Low;
            for (var i = 0; i < scores.Length; i++)
            {
                var favourable = Target.IsFavourable(scores[i]);
                if (favourable != goal.Reached[grades[i]])
                {
                    scores[i] = favourable == low ? double.NegativeInfinity : double.PositiveInfinity;
                }
            }
        }
        return scores;
    }

    /// <summary>
    /// Whether the grade to reach is out of the person's reach whatever their score: the grade the model assigns them
    /// at the most favourable score there is, override rules applied to what they are, is not reached. Null when
    /// the target is not a grade.
    /// </summary>
    public bool? FixedByOverride(double[] person)
    {
        if (Target.Grade is not { } goal)
        {
            return null;
        }
        var best = Target.Adverse == AdverseTail.Low ? double.MaxValue : double.MinValue;
        return model.Grade(Actions.Codec.Build([person]), [best]) is { } grades && !goal.Reached[grades[0]];
    }

    /// <summary>The grade (an index into the scale's bands) the model assigns a row of inputs, overrides included; null without grades.</summary>
    public int? GradeOf(double[] row)
    {
        var table = Actions.Codec.Build([row]);
        return model.Grade(table, model.Score(table))?[0];
    }

    /// <summary>One person's cheapest change. <paramref name="useCpSat"/>: solve an additive problem with CP-SAT instead of the programme.</summary>
    public PersonRecourse Solve(double[] person, double scoreBefore, long seed, bool useCpSat = false)
    {
        if (FixedByOverride(person) == true)
        {
            // Override rules read only what the person cannot change (checked when the engine is built): proven.
            return PersonRecourse.NoneProven(additive is not null ? (useCpSat ? "cp-sat" : "dp") : trees is not null ? "cp-sat-trees" : "search", scoreBefore)
                with { FixedByOverride = true };
        }
        if (additive is not null)
        {
            var method = useCpSat ? "cp-sat" : "dp";
            if (boundary is not { } b)
            {
                return PersonRecourse.NoneProven(method, scoreBefore);
            }
            var problem = additive.ProblemFor(person, b.Boundary, b.Orientation) with { MaxChanges = maxChanges };
            for (var attempt = 0; attempt <= VerificationRetries; attempt++)
            {
                // CP-SAT solves the listed options; a continuous lever's exact completion is added the same way for both.
                var choice = useCpSat ? FrontierSolver.WithCompletions(problem, CpSatSolver.Solve(problem)) : FrontierSolver.Solve(problem);
                if (choice is null)
                {
                    return PersonRecourse.NoneProven(method, scoreBefore);
                }
                // The answer a person reads: a continuous lever at the crossing, just past it; the solver's own row if that fails re-scoring.
                var pulled = additive.PullBack(person, problem, choice);
                var row = AdditiveRecourse.Apply(person, problem, choice);
                if ((Verified(person, pulled, scoreBefore, method, true) ?? Verified(person, row, scoreBefore, method, true)) is { } found)
                {
                    return found;
                }
                problem = problem with { RequiredUnits = problem.RequiredUnits + (1L << (2 * attempt)) };
            }
            // The model's own scores and its additive terms disagree near the cut-off (single precision, say): the search decides, unproven.
            return Searched(person, scoreBefore, seed);
        }
        if (trees is not null)
        {
            if (boundary is not { } b)
            {
                return PersonRecourse.NoneProven("cp-sat-trees", scoreBefore);
            }
            for (var attempt = 0; attempt <= VerificationRetries; attempt++)
            {
                if (trees.Solve(person, b.Boundary, b.Orientation, (1L << (2 * attempt)) - 1, maxChanges) is not { } solved)
                {
                    return PersonRecourse.NoneProven("cp-sat-trees", scoreBefore);
                }
                if (Verified(person, solved.Row, scoreBefore, "cp-sat-trees", true) is { } found)
                {
                    return found;
                }
            }
            return Searched(person, scoreBefore, seed);
        }
        return Searched(person, scoreBefore, seed);
    }

    private PersonRecourse Searched(double[] person, double scoreBefore, long seed) =>
        search.Find(person, seed) is { } hit
            ? Verified(person, hit.Row, scoreBefore, "search", false) ?? PersonRecourse.NotFoundBySearch(scoreBefore)
            : PersonRecourse.NotFoundBySearch(scoreBefore);

    /// <summary>The change as a result when the model's own scorer puts the changed row on the favourable side; null otherwise.</summary>
    private PersonRecourse? Verified(double[] person, double[] row, double scoreBefore, string method, bool proven)
    {
        var after = Score([row])[0];
        if (!Target.IsFavourable(after))
        {
            return null;
        }
        var changes = new List<FeatureChange>();
        var codec = Actions.Codec;
        for (var f = 0; f < row.Length; f++)
        {
            if (!row[f].Equals(person[f]))
            {
                if (!Actions.Allows(f, person[f], row[f]))
                {
                    throw new InvalidOperationException($"A recourse method proposed a change of '{codec.Features[f].Name}' that its rule forbids.");
                }
                changes.Add(new FeatureChange(f, codec.Features[f].Name, person[f], row[f], codec.Format(f, person[f]), codec.Format(f, row[f]), Actions.Cost(f, person[f], row[f])));
            }
        }
        return new PersonRecourse(RecourseStatus.Found, method, proven, scoreBefore, after, changes.Sum(c => c.Cost), changes);
    }
}
