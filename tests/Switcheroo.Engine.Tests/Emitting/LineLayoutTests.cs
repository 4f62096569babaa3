using Switcheroo.Engine.Emitting;
using Switcheroo.Engine.Tests.Support;

namespace Switcheroo.Engine.Tests.Emitting;

/// <summary>
/// Long lines a conversion wrote are laid out as black would; the source's own lines, and lines
/// whose layout is the author's (line joins, brackets continued on another line), are not touched; only the layout
/// changes (CPython parses every result to the same tree as its input).
/// </summary>
public sealed class LineLayoutTests
{
    private const string Call = "        self.fc1 = nn.Dense(features=hidden, kernel_init=switcheroo_runtime.torch_kernel_init, bias_init=switcheroo_runtime.torch_bias_init(features))";

    [Fact]
    public void ArgumentsThatDoNotFitGoOnePerLineWithATrailingComma()
    {
        Assert.Equal("""
                    self.fc1 = nn.Dense(
                        features=hidden,
                        kernel_init=switcheroo_runtime.torch_kernel_init,
                        bias_init=switcheroo_runtime.torch_bias_init(features),
                    )

            """.Replace("\r\n", "\n"), LineLayout.Apply(Call + "\n", ""));
    }

    [Fact]
    public void ArgumentsThatFitOnTheirOwnLineStayTogether()
    {
        var line = "    scheduler = optax.exponential_decay(init_value=learning_rate, transition_steps=1, decay_rate=0.5, staircase=True)\n";
        Assert.Equal("""
                scheduler = optax.exponential_decay(
                    init_value=learning_rate, transition_steps=1, decay_rate=0.5, staircase=True
                )

            """.Replace("\r\n", "\n"), LineLayout.Apply(line, ""));
    }

    [Fact]
    public void AHeadThatIsTooLongSplitsAnEarlierBracket()
    {
        var line = "x = (lambda t: jax.numpy.reshape(t, t.shape[:1] + (-1,) + (1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)))(x)\n";
        Assert.Equal("""
            x = (
                lambda t: jax.numpy.reshape(t, t.shape[:1] + (-1,) + (1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1))
            )(x)

            """.Replace("\r\n", "\n"), LineLayout.Apply(line, ""));
    }

    [Theory]
    [InlineData("the source's own line")]
    [InlineData("a line join")]
    [InlineData("a continuation")]
    public void TheAuthorsLayoutIsKept(string why)
    {
        var text = why switch
        {
            "the source's own line" => Call + "\n",
            "a line join" => Call[..30] + "\\\n" + Call[30..] + "\n",
            _ => "x = [\n" + Call.Trim() + "]\n",
        };
        var source = why == "the source's own line" ? text : "";
        Assert.Equal(text, LineLayout.Apply(text, source));
    }

    [Fact]
    public void ATrailingCommentEndsTheStatementAndElementsInsideBracketsAreLaidOut()
    {
        var text = "layers = [\n" + Call.Replace("self.fc1 = ", "") + ",  # the first\n    f\"{x!r:>10} and more\",\n]\n" + Call + "  # why\n";
        var laid = LineLayout.Apply(text, "");
        Assert.Contains("            bias_init=switcheroo_runtime.torch_bias_init(features),\n        ),  # the first\n", laid);
        Assert.Contains("            bias_init=switcheroo_runtime.torch_bias_init(features),\n        )  # why\n", laid);
    }

    [Fact]
    public void ATrailingCommentCountsInItsLinesWidth()
    {
        var line = "        table = jnp.expand_dims(jnp.transpose(relative_coords_table_values, (1, 2, 0)), 0)  # 1, 2*Wh-1, 2*Ww-1, 2\n";
        Assert.Equal("""
                    table = jnp.expand_dims(
                        jnp.transpose(relative_coords_table_values, (1, 2, 0)), 0
                    )  # 1, 2*Wh-1, 2*Ww-1, 2

            """.Replace("\r\n", "\n"), LineLayout.Apply(line, ""));
    }

    [Fact]
    public void ElementsOnALineInsideBracketsGoOnePerLine()
    {
        var text = "layers = nn.Sequential(\n"
            + "    nn.Dense(features=512, kernel_init=switcheroo_runtime.torch_kernel_init), nn.relu, nn.Dense(features=heads, use_bias=False),\n"
            + ")\n";
        Assert.Equal("""
            layers = nn.Sequential(
                nn.Dense(features=512, kernel_init=switcheroo_runtime.torch_kernel_init),
                nn.relu,
                nn.Dense(features=heads, use_bias=False),
            )

            """.Replace("\r\n", "\n"), LineLayout.Apply(text, ""));
    }

    [Fact]
    public void CrLfFilesStayCrLf()
    {
        var laid = LineLayout.Apply("import x\r\n" + Call + "\r\nprint(1)\r\n", "");
        Assert.DoesNotContain("\n", laid.Replace("\r\n", ""));
        Assert.Contains("        self.fc1 = nn.Dense(\r\n            features=hidden,\r\n", laid);
    }

    [Fact]
    public void OnlyTheLayoutChanges()
    {
        string[] lines =
        [
            Call.Trim(),
            "y = f(lambda first_argument, second_argument: first_argument + second_argument, [value for value, other in pairs_of_values_here])",
            "z = table[first_index_expression_here:second_index_expression_here, third_index_expression_here, ::fourth_step_here]",
            "def train_step(model, params, batch_stats, opt_state, dropout_key, images, labels, *extra_positional, **extra_keywords): pass",
            "w = {'first_key': first_value_expression, 'second_key': second_value_expression, 'third_key': (lambda: third)()}",
            "v = outer(inner(argument_number_one, argument_number_two, argument_number_three), inner(argument_number_four, five))",
            "u = call_with_a_very_long_name_indeed(single_argument_with_a_very_long_name_too.attribute_access_chain_that_goes_on)",
        ];
        var text = string.Join("\n", lines) + "\n";
        var laid = LineLayout.Apply(text, "");
        Assert.All(laid.Split('\n'), line => Assert.True(line.Length <= LineLayout.MaxLength || lines.Contains(line), line));
        const string Same = """
            import ast, sys
            before, after = open(sys.argv[1]).read(), open(sys.argv[2]).read()
            print(ast.dump(ast.parse(before)) == ast.dump(ast.parse(after)))
            """;
        using var folder = new TemporaryFolder();
        File.WriteAllText(Path.Combine(folder.Path, "before.py"), text);
        File.WriteAllText(Path.Combine(folder.Path, "after.py"), laid);
        Assert.Equal("True", Python.Run(Same, Path.Combine(folder.Path, "before.py"), Path.Combine(folder.Path, "after.py")).Trim());
    }
}
