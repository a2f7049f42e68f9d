using System.Reflection;
using Azure.Storage.Queues.Models;

namespace CustomerPortal.LocalHost;

/// <summary>
/// Calls one queue function the way the isolated worker does: a new instance of its class from dependency injection (in a scope
/// of its own), with the message (as <see cref="QueueMessage"/>, <see cref="string"/> or <see cref="BinaryData"/>) and a
/// cancellation token as arguments.
/// </summary>
public sealed class QueueFunctionInvoker
{
    private readonly Type type;
    private readonly MethodInfo method;

    private QueueFunctionInvoker(QueueFunctionMetadata function, Type type, MethodInfo method)
    {
        Function = function;
        this.type = type;
        this.method = method;
    }

    public QueueFunctionMetadata Function { get; }

    public static QueueFunctionInvoker Create(QueueFunctionMetadata function)
    {
        var (type, method) = FunctionEntryPoint.Resolve(function.Name, function.EntryPoint, function.ScriptFile);
        foreach (var parameter in method.GetParameters())
        {
            if (parameter.ParameterType != typeof(QueueMessage) && parameter.ParameterType != typeof(string)
                && parameter.ParameterType != typeof(BinaryData) && parameter.ParameterType != typeof(CancellationToken))
            {
                throw new NotSupportedException(
                    $"Function {function.Name}: the local host cannot bind parameter '{parameter.Name}' of type {parameter.ParameterType.Name}. " +
                    "Queue functions take QueueMessage, string or BinaryData, and CancellationToken.");
            }
        }

        return new QueueFunctionInvoker(function, type, method);
    }

    public async Task InvokeAsync(IServiceProvider services, QueueMessage message, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var instance = method.IsStatic ? null : ActivatorUtilities.CreateInstance(scope.ServiceProvider, type);
        var values = method.GetParameters().Select(parameter =>
            parameter.ParameterType == typeof(QueueMessage) ? message
            : parameter.ParameterType == typeof(string) ? message.MessageText
            : parameter.ParameterType == typeof(BinaryData) ? message.Body
            : (object)cancellationToken).ToArray();
        try
        {
            if (method.Invoke(instance, values) is Task task)
            {
                await task;
            }
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(exception.InnerException);
        }
    }
}
