using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using CustomerManager.Domain.Common;
using Fluid;
using Fluid.Ast;

namespace CustomerManager.Domain.Templates;

/// <summary>
/// Template text in Liquid (Fluid): parsed once, checked (syntax, placeholders the purpose offers, filters that exist, no
/// loops or file includes), then rendered with each value HTML-encoded in an HTML body and as it is in text and SMS.
/// </summary>
public static partial class TemplateText
{
    /// <summary>The statements a message template may use: text, placeholders, and conditions on them.</summary>
    private static readonly HashSet<Type> AllowedStatements =
    [
        typeof(TextSpanStatement), typeof(OutputStatement), typeof(IfStatement), typeof(ElseIfStatement), typeof(ElseStatement),
        typeof(UnlessStatement), typeof(CaseStatement), typeof(WhenStatement), typeof(CommentStatement), typeof(RawStatement),
    ];

    /// <summary>Filters that would put a value into HTML unencoded.</summary>
    private static readonly HashSet<string> RefusedFilters = ["raw"];

    private static readonly FluidParser Parser = new(new FluidParserOptions { AllowFunctions = false });

    private static readonly TemplateOptions Options = new();

    /// <summary>Parses and checks one part of a template (<paramref name="what"/>: "subject", "text body"...).</summary>
    public static IFluidTemplate Parse(string source, TemplatePurpose purpose, string what, string field)
    {
        if (!Parser.TryParse(source, out var template, out var error))
        {
            throw new DomainException($"The {what} has a syntax error: {Explain(error)}", field);
        }

        var check = new Checker(purpose);
        check.VisitTemplate(template);
        if (check.Problem is { } problem)
        {
            throw new DomainException($"In the {what}: {problem}", field);
        }

        return template;
    }

    /// <summary>The template with the values filled in; a value not supplied renders as nothing.</summary>
    public static string Render(IFluidTemplate template, MessageValues values, bool html)
    {
        var context = new TemplateContext(Options);
        // Every placeholder is defined (empty when not supplied), so conditions such as {% if Amount != "" %} hold.
        foreach (var placeholder in TemplatePlaceholders.All)
        {
            context.SetValue(placeholder.Name, "");
        }

        foreach (var (name, value) in values.Values)
        {
            context.SetValue(name, value ?? "");
        }

        return template.Render(context, html ? HtmlEncoder.Default : NullEncoder.Default);
    }

    /// <summary>"End of tag '}}' was expected at (1:15)\nSource: ..." → "End of tag '}}' was expected at line 1, column 15."</summary>
    private static string Explain(string? error)
    {
        var first = (error ?? "it cannot be read").Split('\n')[0].Trim();
        first = Position().Replace(first, m => $"at line {m.Groups[1].Value}, column {m.Groups[2].Value}");
        return first.EndsWith('.') ? first : first + ".";
    }

    [GeneratedRegex(@"at \((\d+):(\d+)\)")]
    private static partial Regex Position();

    /// <summary>Walks the parsed template and keeps the first thing it refuses.</summary>
    private sealed class Checker(TemplatePurpose purpose) : AstVisitor
    {
        public string? Problem { get; private set; }

        public override Statement Visit(Statement statement)
        {
            if (statement is not null && !AllowedStatements.Contains(statement.GetType()))
            {
                var tag = statement.GetType().Name.Replace("Statement", "", StringComparison.Ordinal).ToLowerInvariant();
                Refuse($"the {{% {tag} %}} tag is not allowed in messages: use placeholders, if, unless and case only.");
                return statement;
            }

            return base.Visit(statement!);
        }

        protected override Expression VisitMemberExpression(MemberExpression memberExpression)
        {
            if (memberExpression.Segments is [IdentifierSegment first, ..])
            {
                var name = first.Identifier;
                if (TemplatePlaceholders.Find(name) is not { } placeholder)
                {
                    Refuse(TemplatePlaceholders.FindIgnoringCase(name) is { } similar
                        ? $"{{{{{name}}}}} is not a placeholder; did you mean {similar.Token}?"
                        : $"{{{{{name}}}}} is not a placeholder. Use one of the placeholders listed for this kind of message.");
                }
                else if (!placeholder.IsOfferedFor(purpose))
                {
                    Refuse($"{placeholder.Token} is not available in {TextRules.Words(purpose.ToString())} messages.");
                }
                else if (memberExpression.Segments.Count > 1)
                {
                    Refuse($"{placeholder.Token} is a value on its own; write it without anything after a dot or in brackets.");
                }
            }

            return base.VisitMemberExpression(memberExpression);
        }

        protected override Expression VisitFilterExpression(FilterExpression filterExpression)
        {
            if (RefusedFilters.Contains(filterExpression.Name))
            {
                Refuse($"the '{filterExpression.Name}' filter is not allowed: values are always encoded safely.");
            }
            else if (!Options.Filters.TryGetValue(filterExpression.Name, out _))
            {
                Refuse($"there is no filter called '{filterExpression.Name}'.");
            }

            return base.VisitFilterExpression(filterExpression);
        }

        private void Refuse(string problem) => Problem ??= problem;
    }
}

/// <summary>How many text messages an SMS body goes as (GSM 7-bit: 160 alone, 153 a part; otherwise 70 and 67).</summary>
public static class SmsLength
{
    private const string Gsm7 =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private const string Gsm7Extended = "^{}\\[~]|€\f";

    /// <summary>Characters as the network counts them (an extended GSM character takes two).</summary>
    public static int Units(string text, out bool unicode)
    {
        unicode = text.Any(c => !Gsm7.Contains(c) && !Gsm7Extended.Contains(c));
        return unicode ? text.Length : text.Sum(c => Gsm7Extended.Contains(c) ? 2 : 1);
    }

    public static int Parts(string text)
    {
        var units = Units(text, out var unicode);
        var (single, part) = unicode ? (70, 67) : (160, 153);
        return units <= single ? 1 : (units + part - 1) / part;
    }

    /// <summary>"The SMS is 172 characters: it goes as 2 messages." or null when it fits in one.</summary>
    public static string? Warning(string text)
    {
        var parts = Parts(text);
        if (parts <= 1)
        {
            return null;
        }

        var units = Units(text, out var unicode);
        return string.Create(CultureInfo.InvariantCulture,
            $"The SMS is {units} characters{(unicode ? " with characters outside the SMS alphabet" : "")}: it goes as {parts} messages (each charged), before placeholders are filled in.");
    }
}
