using System.Text;
using Nabla.Symbolic;

namespace Nabla.Tests.Symbolic;

/// <summary>The parser reproducers of issue 15: limits that are what they say, and short, whole-character messages.</summary>
public class ParserLimitTests
{
    [Fact]
    public void TheNestingLimit_IsTheNumberOfParenthesesItStates()
    {
        string Nested(int n) => new string('(', n) + "x" + new string(')', n);
        Assert.Equal(Expr.Var("x"), Expr.Parse(Nested(ExprLimits.MaxNesting)));
        var e = Assert.Throws<ExprParseException>(() => Expr.Parse(Nested(ExprLimits.MaxNesting + 1)));
        Assert.Contains($"at most {ExprLimits.MaxNesting} levels of nesting", e.Message);
        Assert.Equal(ExprLimits.MaxNesting, e.Position); // at the parenthesis one too many
        Assert.NotNull(Expr.Parse(new string('-', ExprLimits.MaxNesting) + "x"));
        Assert.Throws<ExprParseException>(() => Expr.Parse(new string('-', ExprLimits.MaxNesting + 1) + "x"));
        Assert.NotNull(Expr.Parse(string.Concat(Enumerable.Repeat("sin(", ExprLimits.MaxNesting)) + "x" + new string(')', ExprLimits.MaxNesting)));
    }

    [Fact]
    public void EverythingTheParserAccepts_CanBePrintedAndDifferentiated()
    {
        // The deepest trees it accepts: the longest chain, and the deepest nesting holding long chains.
        string chain = string.Join("*", Enumerable.Range(0, ExprLimits.MaxDepth).Select(i => $"x{i % 7}"));
        var deepest = new[]
        {
            chain,
            string.Join(" + ", Enumerable.Range(0, ExprLimits.MaxDepth).Select(i => $"y{i}")),
            new string('(', ExprLimits.MaxNesting) + "x" + new string(')', ExprLimits.MaxNesting),
            string.Concat(Enumerable.Repeat("-sin(", ExprLimits.MaxNesting / 2)) + "x" + new string(')', ExprLimits.MaxNesting / 2),
        };
        foreach (var text in deepest)
        {
            // On a thread with a small (1 MB) stack, as a thread-pool thread may have.
            Exception? error = null;
            var thread = new Thread(() =>
            {
                try
                {
                    var e = Expr.Parse(text);
                    Assert.Equal(e, Expr.Parse(e.ToString()));
                    _ = e.ToLatex();
                    _ = e.Derive("x0").ToString();
                    _ = e.Evaluate(("x", 0.5), ("x0", 1.0), ("x1", 1.0), ("x2", 1.0), ("x3", 1.0), ("x4", 1.0), ("x5", 1.0), ("x6", 1.0),
                        ("y0", 1.0));
                }
                catch (Exception e) when (e is not ArgumentException)
                {
                    error = e;
                }
                catch (ArgumentException)
                {
                    // unbound variables in Evaluate: not what this test is about
                }
            }, 1 << 20);
            thread.Start();
            thread.Join();
            Assert.Null(error);
        }
        var tooLong = Assert.Throws<ExprParseException>(() => Expr.Parse(chain + "*x"));
        Assert.Contains($"at most {ExprLimits.MaxDepth}", tooLong.Message);
    }

    [Fact]
    public void A20000FactorProduct_IsRefusedAtParse_NotAtPrint()
    {
        string text = string.Join("*", Enumerable.Repeat("x", 20_000));
        var e = Assert.Throws<ExprParseException>(() => Expr.Parse(text));
        Assert.True(e.Message.Length < 300, e.Message);
        Assert.Equal(text, e.Input); // the whole input stays available to code
    }

    [Fact]
    public void Messages_QuoteWholeCharacters_AndOnlyNearTheError()
    {
        var emoji = Assert.Throws<ExprParseException>(() => Expr.Parse("x + \U0001F600"));
        Assert.Contains("'\U0001F600'", emoji.Message);
        Assert.Equal("'\U0001F600'", emoji.Found);
        var lone = Assert.Throws<ExprParseException>(() => Expr.Parse("x + \uD83D"));
        Assert.Contains("U+D83D", lone.Message);
        Assert.DoesNotContain("\uD83D", lone.Message);

        var big = new StringBuilder("x + ").Append('y', 200_000).Append(" $ ").Append('z', 200_000).ToString();
        var e = Assert.Throws<ExprParseException>(() => Expr.Parse(big));
        Assert.True(e.Message.Length < 300, $"{e.Message.Length} characters");
        Assert.Contains("'$'", e.Message);
        var name = Assert.Throws<ExprParseException>(() => Expr.Parse(new string('f', 100_000) + "(x)"));
        Assert.True(name.Message.Length < 500, $"{name.Message.Length} characters");
        var number = Assert.Throws<ExprParseException>(() => Expr.Parse("1" + new string('0', 400) + " * x"));
        Assert.True(number.Message.Length < 300, $"{number.Message.Length} characters");
    }
}
