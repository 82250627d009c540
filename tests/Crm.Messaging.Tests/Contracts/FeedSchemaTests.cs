using Crm.Contracts.Feed;
using CrmPlatform.LocalServers;
using MassTransit.Serialization;
using NJsonSchema;
using NJsonSchema.Generation;

namespace Crm.Messaging.Tests.Contracts;

/// <summary>
/// The accounting feed's published schemas (<c>protos/crm/feed/v1/schemas/{type}/{version}.json</c>) against the
/// contracts the events are made from: each type's current version must describe its contract as serialized today.
/// A contract that changed fails here: add a field as a new minor version (a new file, the catalogue's version
/// raised, the old file kept); anything else is a new type. <c>CRM_UPDATE_SNAPSHOTS=1</c> writes the current
/// version's file, for a change made on purpose.
/// </summary>
public sealed class FeedSchemaTests
{
    private static readonly string Schemas = Path.Combine(RepositoryLayout.Find().Root, "protos", "crm", "feed", "v1", "schemas");

    public static TheoryData<string> Types { get; } = [.. FeedCatalogue.Types.Select(t => t.Type)];

    [Theory]
    [MemberData(nameof(Types))]
    public void The_current_schema_of_each_feed_type_describes_its_contract(string type)
    {
        var feedType = FeedCatalogue.Find(type)!;
        var schema = JsonSchema.FromType(feedType.Contract, new SystemTextJsonSchemaGeneratorSettings
        {
            SerializerOptions = SystemTextJsonMessageSerializer.Options,
            SchemaType = SchemaType.JsonSchema,
            GenerateAbstractProperties = false,
            // A reader of 1.0 must accept 1.1, which adds fields.
            AlwaysAllowAdditionalObjectProperties = true,
        });
        schema.Title = type;
        schema.Description = $"{type} {feedType.SchemaVersion}: the data of the accounting feed's {type} events (docs/feed.md).";
        var json = schema.ToJson().ReplaceLineEndings("\n") + "\n";
        var file = Path.Combine(Schemas, type, feedType.SchemaVersion + ".json");
        if (Environment.GetEnvironmentVariable("CRM_UPDATE_SNAPSHOTS") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, json);
        }

        Assert.True(File.Exists(file), $"{type} {feedType.SchemaVersion} has no published schema: run the tests with CRM_UPDATE_SNAPSHOTS=1 and commit {file}");
        Assert.Equal(File.ReadAllText(file).ReplaceLineEndings("\n"), json);
    }

    [Fact]
    public void Every_published_schema_belongs_to_a_feed_type_and_versions_only_grow()
    {
        foreach (var folder in Directory.EnumerateDirectories(Schemas))
        {
            var type = FeedCatalogue.Find(Path.GetFileName(folder));
            Assert.True(type is not null, $"{folder} is the schema of no feed type");
            var versions = Directory.EnumerateFiles(folder, "*.json").Select(f => Version.Parse(Path.GetFileNameWithoutExtension(f))).ToList();
            Assert.Equal(Version.Parse(type.SchemaVersion), versions.Max());
            Assert.All(versions, v => Assert.Equal(versions.Max()!.Major, v.Major));
        }
    }
}
