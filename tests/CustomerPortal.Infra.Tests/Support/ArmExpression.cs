namespace CustomerPortal.Infra.Tests.Support;

/// <summary>Just enough reading of ARM template expressions ("[func('a', b(c))]") to take apart function calls.</summary>
public static class ArmExpression
{
    /// <summary>The arguments of every call to <paramref name="function"/> in the expression, as raw text.</summary>
    public static IEnumerable<IReadOnlyList<string>> Calls(string expression, string function)
    {
        var search = function + "(";
        for (var index = expression.IndexOf(search, StringComparison.Ordinal); index >= 0; index = expression.IndexOf(search, index + 1, StringComparison.Ordinal))
        {
            var startsName = index == 0 || !char.IsLetterOrDigit(expression[index - 1]);
            if (startsName && !InsideString(expression, index))
            {
                yield return Arguments(expression, index + search.Length);
            }
        }
    }

    /// <summary>The text of a string literal ('it''s' → it's), or null when the argument is not one.</summary>
    public static string? StringLiteral(string argument)
    {
        var text = argument.Trim();
        var isLiteral = text.Length >= 2 && text[0] == '\'' && text[^1] == '\'' && !text[1..^1].Replace("''", "", StringComparison.Ordinal).Contains('\'', StringComparison.Ordinal);
        return isLiteral ? text[1..^1].Replace("''", "'", StringComparison.Ordinal) : null;
    }

    /// <summary>Splits the arguments of a call whose opening parenthesis ends just before <paramref name="start"/>.</summary>
    private static List<string> Arguments(string expression, int start)
    {
        var arguments = new List<string>();
        var depth = 0;
        var inString = false;
        var argumentStart = start;
        for (var i = start; i < expression.Length; i++)
        {
            var c = expression[i];
            if (inString)
            {
                if (c == '\'' && i + 1 < expression.Length && expression[i + 1] == '\'')
                {
                    i++;
                }
                else if (c == '\'')
                {
                    inString = false;
                }

                continue;
            }

            switch (c)
            {
                case '\'':
                    inString = true;
                    break;
                case '(' or '[':
                    depth++;
                    break;
                case ')' or ']' when depth > 0:
                    depth--;
                    break;
                case ')':
                    arguments.Add(expression[argumentStart..i].Trim());
                    return arguments;
                case ',' when depth == 0:
                    arguments.Add(expression[argumentStart..i].Trim());
                    argumentStart = i + 1;
                    break;
            }
        }

        throw new FormatException($"Unbalanced parentheses in ARM expression: {expression}");
    }

    private static bool InsideString(string expression, int index)
    {
        var quotes = 0;
        for (var i = 0; i < index; i++)
        {
            if (expression[i] == '\'')
            {
                quotes++;
            }
        }

        // Escaped quotes ('') come in pairs, so an odd count still means "inside a literal".
        return quotes % 2 == 1;
    }
}
