using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Audit.Tests.Architecture;

/// <summary>One method, constructor, operator, local function, accessor or arrow-bodied property, and its length.</summary>
/// <param name="File">The source file, relative to the repository root, with '/' separators.</param>
/// <param name="Name">The member as Type.Member (nested types and enclosing members joined by '.'; accessors end in .get, .set, .init, .add, .remove).</param>
/// <param name="Lines">Lines from the declaration's first line (attributes excluded) to its last, both included.</param>
public sealed record MethodLength(string File, string Name, int Lines)
{
    public string Key => $"{File}: {Name}";
}

/// <summary>
/// Measures the length of every body in C# source with Roslyn's syntax tree (no compilation, no IL: line counts
/// only exist in the source). A member is measured from the first line of its declaration (after its attributes) to
/// the line of its closing brace or semicolon, both included: a method whose signature starts on line 10 and whose
/// body closes on line 90 has 81 lines. A local function counts within its enclosing method and also on its own.
/// Declarations without a body (abstract, interface, partial, extern) are not measured.
/// </summary>
public static class MethodLengths
{
    public static IEnumerable<MethodLength> Measure(string source, string file)
    {
        var root = CSharpSyntaxTree.ParseText(source, path: file).GetRoot();
        foreach (var node in root.DescendantNodes())
        {
            if (HasBody(node))
            {
                yield return new MethodLength(file, NameOf(node), LineCount(node));
            }
        }
    }

    /// <summary>Every body in every *.cs file under <paramref name="folder"/> (bin and obj excluded), files named relative to <paramref name="root"/>.</summary>
    public static IEnumerable<MethodLength> MeasureFolder(string root, string folder)
    {
        var separator = Path.DirectorySeparatorChar;
        return Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{separator}bin{separator}") && !path.Contains($"{separator}obj{separator}"))
            .Order(StringComparer.Ordinal)
            .SelectMany(path => Measure(File.ReadAllText(path), Path.GetRelativePath(root, path).Replace(separator, '/')));
    }

    private static bool HasBody(SyntaxNode node) => node switch
    {
        BaseMethodDeclarationSyntax method => method.Body is not null || method.ExpressionBody is not null,
        LocalFunctionStatementSyntax local => local.Body is not null || local.ExpressionBody is not null,
        AccessorDeclarationSyntax accessor => accessor.Body is not null || accessor.ExpressionBody is not null,
        BasePropertyDeclarationSyntax property => property is PropertyDeclarationSyntax { ExpressionBody: not null } or IndexerDeclarationSyntax { ExpressionBody: not null },
        _ => false,
    };

    private static int LineCount(SyntaxNode node)
    {
        var first = node.GetFirstToken();
        if (node is MemberDeclarationSyntax { AttributeLists.Count: > 0 } member)
        {
            first = member.AttributeLists.Last().GetLastToken().GetNextToken();
        }
        else if (node is LocalFunctionStatementSyntax { AttributeLists.Count: > 0 } local)
        {
            first = local.AttributeLists.Last().GetLastToken().GetNextToken();
        }
        var tree = node.SyntaxTree;
        var start = tree.GetLineSpan(first.Span).StartLinePosition.Line;
        var end = tree.GetLineSpan(node.GetLastToken().Span).EndLinePosition.Line;
        return end - start + 1;
    }

    private static string NameOf(SyntaxNode node)
    {
        var parts = node.AncestorsAndSelf().Select(OwnName).OfType<string>().Reverse();
        return string.Join('.', parts);
    }

    /// <summary>The name a node adds to the path of the member it holds, or null for nodes that add none (blocks, statements).</summary>
    private static string? OwnName(SyntaxNode node) => node switch
    {
        BaseTypeDeclarationSyntax type => type.Identifier.ValueText,
        MethodDeclarationSyntax method => method.Identifier.ValueText,
        ConstructorDeclarationSyntax constructor => constructor.Identifier.ValueText,
        DestructorDeclarationSyntax destructor => "~" + destructor.Identifier.ValueText,
        OperatorDeclarationSyntax op => "operator " + op.OperatorToken.ValueText,
        ConversionOperatorDeclarationSyntax conversion => conversion.ImplicitOrExplicitKeyword.ValueText + " operator " + conversion.Type,
        LocalFunctionStatementSyntax local => local.Identifier.ValueText,
        PropertyDeclarationSyntax property => property.Identifier.ValueText,
        IndexerDeclarationSyntax => "this[]",
        EventDeclarationSyntax e => e.Identifier.ValueText,
        AccessorDeclarationSyntax accessor => accessor.Keyword.ValueText,
        _ => null,
    };
}
