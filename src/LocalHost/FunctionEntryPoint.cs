using System.Reflection;

namespace CustomerPortal.LocalHost;

/// <summary>The class and method a function's <c>entryPoint</c> and <c>scriptFile</c> in <c>functions.metadata</c> name, as the worker finds them.</summary>
public static class FunctionEntryPoint
{
    public static (Type Type, MethodInfo Method) Resolve(string name, string entryPoint, string scriptFile)
    {
        var separator = entryPoint.LastIndexOf('.');
        var assembly = Assembly.Load(Path.GetFileNameWithoutExtension(scriptFile));
        var type = assembly.GetType(entryPoint[..separator], throwOnError: true)!;
        var method = type.GetMethod(entryPoint[(separator + 1)..], BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            ?? throw new InvalidOperationException($"Function {name}: method {entryPoint} not found.");
        return (type, method);
    }
}
