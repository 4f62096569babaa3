using Antlr4.Runtime;
using Antlr4.Runtime.Atn;
using Antlr4.Runtime.Dfa;
using Antlr4.Runtime.Sharpen;

namespace Switcheroo.Grammar;

public partial class PythonParser
{
    /// <summary>
    /// The generated constructor's prediction simulator, replaced by one that evaluates a DFA
    /// state's predicates into one reused set while SLL predicts (<see cref="PredicateReusingSimulator"/>).
    /// Any other simulator (ANTLR's profiler, when <c>Profile</c> is set) is kept as it is.
    /// </summary>
    public override ParserATNSimulator Interpreter
    {
        get => base.Interpreter;
        protected set => base.Interpreter = value is not null && value.GetType() == typeof(ParserATNSimulator)
            ? new PredicateReusingSimulator(this, _ATN, decisionToDFA, sharedContextCache)
            : value!;
    }

    /// <summary>
    /// ANTLR's simulator, but a DFA accept state with predicates (the operator loops of the
    /// left-recursive rules <c>expr</c> and <c>expression</c>, whose alternatives carry precedence
    /// predicates: every attribute, call, subscript and binary operator) evaluates them into one
    /// set kept by the simulator rather than a new <see cref="BitSet"/> and its array each time
    /// (about 45 MB per pass over the stdlib, docs/performance.md, "Parse, eighth round"). Only in
    /// SLL mode: there ANTLR reads the set at once (its count and first alternative, and an
    /// ambiguity report to the error listeners, which keep nothing) and never holds on to it; in
    /// full LL, which reports the set when it falls back to full context, every call gets a set of its own.
    /// </summary>
    private sealed class PredicateReusingSimulator(Parser parser, ATN atn, DFA[] decisionToDFA, PredictionContextCache cache)
        : ParserATNSimulator(parser, atn, decisionToDFA, cache)
    {
        private readonly BitSet predicted = new();

        /// <summary>
        /// In SLL, a decision that the next token settles alone is answered from
        /// <see cref="OneTokenPredictions"/> without ANTLR's DFA walk, marks and predicate sets; full LL
        /// (and any other token) asks ANTLR.
        /// </summary>
        public override int AdaptivePredict(ITokenStream input, int decision, ParserRuleContext outerContext)
        {
            if (PredictionMode == PredictionMode.SLL && OneTokenPredictions.For(atn, decision) is { } table)
            {
                int next = input.LA(1);
                if ((uint)next < (uint)table.Length && table[next] != 0)
                {
                    return table[next];
                }
            }
            return base.AdaptivePredict(input, decision, outerContext);
        }

        protected override BitSet EvalSemanticContext(PredPrediction[] predPredictions, ParserRuleContext outerContext, bool complete)
        {
            if (PredictionMode != PredictionMode.SLL)
            {
                return base.EvalSemanticContext(predPredictions, outerContext, complete);
            }
            for (int alt = predicted.NextSetBit(0); alt >= 0; alt = predicted.NextSetBit(alt + 1))
            {
                predicted.Clear(alt); // its indexer only ever sets a bit
            }
            foreach (var pair in predPredictions)
            {
                // As ANTLR's: the empty context is an alternative without a predicate, always viable.
                if (pair.pred == SemanticContext.Empty.Instance || EvalSemanticContext(pair.pred, outerContext, pair.alt, false))
                {
                    predicted[pair.alt] = true;
                    if (!complete)
                    {
                        break;
                    }
                }
            }
            return predicted;
        }
    }
}
