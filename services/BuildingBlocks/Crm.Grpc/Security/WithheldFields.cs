using System.Collections;
using System.Collections.Concurrent;
using Crm.Common.Grpc.V1;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Crm.Grpc.Security;

/// <summary>
/// Finds and empties the fields of a message marked with a data class (<c>[(crm.common.v1.data_class) = ...]</c>), at
/// any depth. The marks are read once per message type; a message with none is left alone at no cost.
/// </summary>
public static class WithheldFields
{
    private static readonly ConcurrentDictionary<MessageDescriptor, Plan> Plans = new();

    /// <summary>The paths of each answer type for each combination of hidden classes: asked for on every call.</summary>
    private static readonly ConcurrentDictionary<(MessageDescriptor Type, int Hidden), IReadOnlyList<string>> Paths = new();

    /// <summary>The paths (<c>account.contacts.email</c>) of every field of <paramref name="type"/> whose class is
    /// <paramref name="hidden"/>, whether or not an answer fills them.</summary>
    public static IReadOnlyList<string> PathsOf(MessageDescriptor type, IReadOnlySet<DataClass> hidden)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(hidden);
        var mask = hidden.Aggregate(0, (bits, dataClass) => bits | (1 << (int)dataClass));
        return Paths.GetOrAdd((type, mask), key =>
        {
            var paths = new List<string>();
            Collect(key.Type, hidden, string.Empty, paths, []);
            return paths;
        });
    }

    /// <summary>Empties every field of <paramref name="message"/> (and of the messages in it) whose class is <paramref name="hidden"/>.</summary>
    public static void Withhold(IMessage message, IReadOnlySet<DataClass> hidden)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(hidden);
        var plan = PlanOf(message.Descriptor);
        foreach (var (field, dataClass) in plan.Marked)
        {
            if (!hidden.Contains(dataClass))
            {
                continue;
            }

            if (field.IsRepeated)
            {
                ((IList)field.Accessor.GetValue(message)).Clear();
            }
            else
            {
                field.Accessor.Clear(message);
            }
        }

        foreach (var field in plan.Holding)
        {
            if (field.IsRepeated)
            {
                foreach (var item in (IList)field.Accessor.GetValue(message))
                {
                    Withhold((IMessage)item, hidden);
                }
            }
            else if (field.Accessor.GetValue(message) is IMessage inner)
            {
                Withhold(inner, hidden);
            }
        }
    }

    private static void Collect(MessageDescriptor type, IReadOnlySet<DataClass> hidden, string prefix, List<string> paths, HashSet<MessageDescriptor> visiting)
    {
        if (!visiting.Add(type))
        {
            return;
        }

        var plan = PlanOf(type);
        paths.AddRange(plan.Marked.Where(m => hidden.Contains(m.Class)).Select(m => prefix + m.Field.Name));
        foreach (var field in plan.Holding)
        {
            Collect(field.MessageType, hidden, $"{prefix}{field.Name}.", paths, visiting);
        }

        visiting.Remove(type);
    }

    private static Plan PlanOf(MessageDescriptor type) => Plans.GetOrAdd(type, t => Build(t, []));

    private static Plan Build(MessageDescriptor type, HashSet<MessageDescriptor> visiting)
    {
        visiting.Add(type);
        var marked = new List<(FieldDescriptor Field, DataClass Class)>();
        var holding = new List<FieldDescriptor>();
        foreach (var field in type.Fields.InDeclarationOrder())
        {
            var dataClass = field.GetOptions()?.GetExtension(DataClassExtensions.DataClass) ?? DataClass.Unspecified;
            if (dataClass != DataClass.Unspecified)
            {
                marked.Add((field, dataClass));
            }
            else if (field.IsMap)
            {
                // Map values are not walked: a marked field inside one would go out unwithheld, so none may be there.
                var value = field.MessageType.FindFieldByNumber(2);
                if (value.FieldType == FieldType.Message && Build(value.MessageType, visiting).HasMarks)
                {
                    throw new InvalidOperationException($"{type.FullName}.{field.Name} maps to messages with fields only some roles may see: use a repeated field");
                }
            }
            else if (field.FieldType == FieldType.Message
                     && (visiting.Contains(field.MessageType) || (Plans.TryGetValue(field.MessageType, out var known) ? known : Build(field.MessageType, visiting)).HasMarks))
            {
                // A type that holds itself (directly or further down) is walked whatever it holds: its plan is still being made.
                holding.Add(field);
            }
        }

        visiting.Remove(type);
        var plan = new Plan(marked, holding);

        // A plan made while a type above it was still being made may have taken a field back up as holding marks; it
        // stays right, and is kept only for the type it was made for at the top.
        if (visiting.Count == 0)
        {
            Plans.TryAdd(type, plan);
        }

        return plan;
    }

    /// <summary>A type's marked fields, and the fields whose messages hold marked fields deeper down.</summary>
    private sealed record Plan(IReadOnlyList<(FieldDescriptor Field, DataClass Class)> Marked, IReadOnlyList<FieldDescriptor> Holding)
    {
        public bool HasMarks => Marked.Count > 0 || Holding.Count > 0;
    }
}
