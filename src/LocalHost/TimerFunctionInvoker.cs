using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace CustomerPortal.LocalHost;

/// <summary>
/// Calls one timer function the way the isolated worker does: a new instance of its class from dependency injection
/// (in a scope of its own), with the <see cref="TimerInfo"/> and a cancellation token as arguments.
/// </summary>
public sealed class TimerFunctionInvoker
{
    private readonly Type type;
    private readonly MethodInfo method;

    private TimerFunctionInvoker(TimerFunctionMetadata function, Type type, MethodInfo method)
    {
        Function = function;
        Schedule = TimerSchedule.Parse(function.Schedule);
        this.type = type;
        this.method = method;
    }

    public TimerFunctionMetadata Function { get; }

    public TimerSchedule Schedule { get; }

    public static TimerFunctionInvoker Create(TimerFunctionMetadata function)
    {
        var (type, method) = FunctionEntryPoint.Resolve(function.Name, function.EntryPoint, function.ScriptFile);
        foreach (var parameter in method.GetParameters())
        {
            if (parameter.ParameterType != typeof(TimerInfo) && parameter.ParameterType != typeof(CancellationToken))
            {
                throw new NotSupportedException(
                    $"Function {function.Name}: the local host cannot bind parameter '{parameter.Name}' of type {parameter.ParameterType.Name}. " +
                    "Timer functions take TimerInfo and CancellationToken.");
            }
        }

        return new TimerFunctionInvoker(function, type, method);
    }

    public async Task InvokeAsync(IServiceProvider services, TimerInfo timer, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var instance = method.IsStatic ? null : ActivatorUtilities.CreateInstance(scope.ServiceProvider, type);
        var values = method.GetParameters()
            .Select(parameter => parameter.ParameterType == typeof(TimerInfo) ? (object)timer : cancellationToken)
            .ToArray();
        if (method.Invoke(instance, values) is Task task)
        {
            await task;
        }
    }
}
