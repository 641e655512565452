using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace DiploSim.Server.Hub;

/// <summary>
/// Stands in for the arguments of a call whose arguments could not be read as the method's parameters (a string where
/// a number belongs, too few or too many arguments): SignalR would answer such a call with a bare error, not with a
/// refusal, so <see cref="MalformedCalls"/> turns it into a call carrying this, which <see cref="HubGuard"/> refuses.
/// </summary>
public sealed record MalformedArguments(string Target);

/// <summary>Wraps each of the hub's protocols (JSON, MessagePack) so that a call with unreadable arguments reaches <see cref="HubGuard"/>.</summary>
public sealed class MalformedCalls(IHubProtocol inner) : IHubProtocol
{
    public string Name => inner.Name;

    public int Version => inner.Version;

    public TransferFormat TransferFormat => inner.TransferFormat;

    public bool IsVersionSupported(int version) => inner.IsVersionSupported(version);

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message)
    {
        if (!inner.TryParseMessage(ref input, binder, out message))
        {
            return false;
        }

        if (message is InvocationBindingFailureMessage failure)
        {
            message = new InvocationMessage(failure.InvocationId, failure.Target, [new MalformedArguments(failure.Target)]);
        }

        return true;
    }

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => inner.WriteMessage(message, output);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => inner.GetMessageBytes(message);

    /// <summary>Replaces every registered hub protocol with itself around it (call after the protocols are added).</summary>
    public static void Wrap(IServiceCollection services)
    {
        var registered = services.Where(d => d.ServiceType == typeof(IHubProtocol)).ToList();
        foreach (var descriptor in registered)
        {
            services.Remove(descriptor);
            services.AddSingleton<IHubProtocol>(sp => new MalformedCalls(descriptor.ImplementationInstance as IHubProtocol
                ?? descriptor.ImplementationFactory?.Invoke(sp) as IHubProtocol
                ?? (IHubProtocol)ActivatorUtilities.CreateInstance(sp, descriptor.ImplementationType!)));
        }
    }
}
