using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Crm.Contracts;
using Crm.Messaging.Topology;
using CrmPlatform.LocalServers;
using MassTransit.Serialization;

namespace Crm.Messaging.Tests.Contracts;

/// <summary>
/// Every event's JSON shape, as MassTransit's serializer writes it, is held in <c>Contracts/Snapshots</c>. A renamed,
/// removed or retyped field fails here, before any consumer sees it. Adding a field is fine once its snapshot is
/// updated on purpose: run the tests with <c>CRM_UPDATE_SNAPSHOTS=1</c> and commit the changed files.
/// </summary>
public sealed class EventContractTests
{
    private static readonly string Snapshots = Path.Combine(RepositoryLayout.Find().Root, "tests", "Crm.Messaging.Tests", "Contracts", "Snapshots");

    public static TheoryData<string> Events { get; } = [.. EventTypes().Select(t => t.FullName!)];

    [Theory]
    [MemberData(nameof(Events))]
    public void Event_keeps_its_json_shape(string eventType)
    {
        var type = typeof(IIntegrationEvent).Assembly.GetType(eventType, throwOnError: true)!;
        var json = Shape(type);
        var file = Path.Combine(Snapshots, type.FullName!["Crm.Contracts.".Length..] + ".json");
        if (Environment.GetEnvironmentVariable("CRM_UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(file, json);
        }

        Assert.True(File.Exists(file), $"{type.Name} has no snapshot: run the tests with CRM_UPDATE_SNAPSHOTS=1 and commit {file}");
        Assert.Equal(File.ReadAllText(file).ReplaceLineEndings("\n"), json);
    }

    [Fact]
    public void Every_snapshot_belongs_to_an_event_that_still_exists()
    {
        var events = EventTypes().Select(t => t.FullName!["Crm.Contracts.".Length..] + ".json").ToHashSet(StringComparer.Ordinal);

        var orphans = Directory.EnumerateFiles(Snapshots, "*.json").Select(Path.GetFileName).Where(f => !events.Contains(f!)).ToList();

        Assert.Empty(orphans);
    }

    [Fact]
    public void Every_event_is_a_past_tense_record_with_identity_time_aggregate_and_version()
    {
        Assert.Equal(40, EventTypes().Count);
        Assert.All(EventTypes(), type =>
        {
            var parameters = type.GetConstructors().Single().GetParameters().Select(p => p.Name).ToList();
            Assert.Equal(["EventId", "OccurredAt"], parameters.Take(2), StringComparer.Ordinal);
            Assert.Contains("Version", parameters, StringComparer.Ordinal);
            Assert.NotNull(type.GetMethod("<Clone>$"));
            Assert.DoesNotContain(type.GetProperties(), p => p.PropertyType == typeof(double) || p.PropertyType == typeof(float));
        });
    }

    [Fact]
    public void Every_event_has_an_exchange_named_after_the_service_that_publishes_it()
    {
        Assert.Equal("opportunities.opportunity-won", EventEntityNameFormatter.NameOf(typeof(Crm.Contracts.Opportunities.OpportunityWon)));
        Assert.Equal("leads.lead-converted.fault", EventEntityNameFormatter.NameOf(typeof(MassTransit.Fault<Crm.Contracts.Leads.LeadConverted>)));
        string[] services = ["leads", "opportunities", "forecasts", "orders", "support"];
        Assert.All(EventTypes(), type => Assert.Contains(EventEntityNameFormatter.NameOf(type)!.Split('.')[0], services, StringComparer.Ordinal));
    }

    [Fact]
    public void An_event_read_back_from_its_json_equals_the_one_written()
    {
        var won = Crm.Messaging.SampleService.Deals.DealDesk.Won(3);
        var json = JsonSerializer.Serialize(won, SystemTextJsonMessageSerializer.Options);

        var read = JsonSerializer.Deserialize<Crm.Contracts.Opportunities.OpportunityWon>(json, SystemTextJsonMessageSerializer.Options)!;

        Assert.Equal(won with { Lines = read.Lines }, read);
        Assert.Equal(won.Lines, read.Lines);
    }

    private static List<Type> EventTypes() =>
    [
        .. typeof(IIntegrationEvent).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IIntegrationEvent).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal),
    ];

    /// <summary>The event with a sample value in every field, serialized as the bus does, indented.</summary>
    private static string Shape(Type type)
    {
        var json = JsonSerializer.Serialize(Sample(type, "event"), type, SystemTextJsonMessageSerializer.Options);
        return JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    private static object Sample(Type type, string name)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            _ when type == typeof(string) => name,
            _ when type == typeof(Guid) => new Guid("00000000-0000-0000-0000-000000000001"),
            _ when type == typeof(DateTimeOffset) => new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero),
            _ when type == typeof(DateOnly) => new DateOnly(2026, 3, 4),
            _ when type == typeof(int) => 3,
            _ when type == typeof(long) => 7L,
            _ when type == typeof(decimal) => 12.5m,
            _ when type == typeof(bool) => true,
            { IsEnum: true } => Enum.GetValues(type).GetValue(0)!,
            { IsGenericType: true } when type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) => OneOf(type.GetGenericArguments()[0], name),
            _ => Construct(type),
        };
    }

    private static IList OneOf(Type element, string name)
    {
        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
        list.Add(Sample(element, name));
        return list;
    }

    private static object Construct(Type type)
    {
        var constructor = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance).Single();
        return constructor.Invoke([.. constructor.GetParameters().Select(p => Sample(p.ParameterType, p.Name!))]);
    }
}
