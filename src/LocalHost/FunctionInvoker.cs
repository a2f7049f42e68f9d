using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;

namespace CustomerPortal.LocalHost;

/// <summary>
/// Calls one function method the way the isolated worker does: a new instance of its class from
/// dependency injection for each request, the <see cref="HttpRequest"/> and cancellation token as arguments.
/// </summary>
public sealed class FunctionInvoker
{
    private readonly Type type;
    private readonly MethodInfo method;
    private readonly Func<HttpContext, object?>[] arguments;

    private FunctionInvoker(Type type, MethodInfo method, Func<HttpContext, object?>[] arguments)
    {
        this.type = type;
        this.method = method;
        this.arguments = arguments;
    }

    public static FunctionInvoker Create(FunctionMetadata function)
    {
        var (type, method) = FunctionEntryPoint.Resolve(function.Name, function.EntryPoint, function.ScriptFile);
        var arguments = method.GetParameters().Select(parameter => Bind(function, parameter)).ToArray();
        return new FunctionInvoker(type, method, arguments);
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var instance = method.IsStatic ? null : ActivatorUtilities.CreateInstance(context.RequestServices, type);
        var values = arguments.Select(bind => bind(context)).ToArray();
        var returned = method.Invoke(instance, values);
        var result = returned switch
        {
            Task<IActionResult> task => await task,
            IActionResult actionResult => actionResult,
            _ => throw new InvalidOperationException($"{method.Name} must return IActionResult or Task<IActionResult>."),
        };
        await result.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
    }

    private static Func<HttpContext, object?> Bind(FunctionMetadata function, ParameterInfo parameter)
    {
        if (parameter.ParameterType == typeof(HttpRequest))
        {
            return context => context.Request;
        }

        if (parameter.ParameterType == typeof(CancellationToken))
        {
            return context => context.RequestAborted;
        }

        if (parameter.ParameterType == typeof(string) && function.Route.Contains('{' + parameter.Name!, StringComparison.Ordinal))
        {
            return context => context.GetRouteValue(parameter.Name!)?.ToString();
        }

        throw new NotSupportedException(
            $"Function {function.Name}: the local host cannot bind parameter '{parameter.Name}' of type {parameter.ParameterType.Name}. " +
            "Functions take HttpRequest, CancellationToken and string route values.");
    }
}
