namespace Crm.Messaging;

/// <summary>
/// The correlation id of the message being consumed on this flow, so that events a consumer publishes carry it on
/// and a whole chain of reactions can be found by one id.
/// </summary>
internal static class MessageCorrelation
{
    private static readonly AsyncLocal<Guid?> Ambient = new();

    public static Guid? Current
    {
        get => Ambient.Value;
        set => Ambient.Value = value;
    }
}
