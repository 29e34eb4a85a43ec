using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace CustomerManager.Tests.Support;

/// <summary>
/// bUnit 2 asks for AngleSharp.Diffing ≥ 1.1.1, which our package source lacks; 0.17.0 has the API bUnit uses.
/// The runtime refuses the lower version by default, so resolve the name to the copy in the test output.
/// </summary>
internal static class AngleSharpDiffingLoader
{
    [ModuleInitializer]
    internal static void Install()
    {
        AssemblyLoadContext.Default.Resolving += (context, name) =>
            name.Name == "AngleSharp.Diffing"
                ? context.LoadFromAssemblyPath(Path.Combine(AppContext.BaseDirectory, "AngleSharp.Diffing.dll"))
                : null;
    }
}
