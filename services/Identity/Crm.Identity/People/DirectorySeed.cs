using Crm.Identity.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Crm.Identity.People;

/// <summary>Loads the demo company's people when a demo password is configured, keeping their roles as the directory says.</summary>
internal sealed partial class DirectorySeed(
    IServiceScopeFactory scopes,
    IOptions<IdentityServiceOptions> options,
    IPasswordHasher<Person> hasher,
    ILogger<DirectorySeed> logger)
{
    public async Task SeedAsync(CancellationToken stoppingToken)
    {
        if (options.Value.ReadDemoPassword() is not { Length: > 0 } password)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        var known = await db.People.ToDictionaryAsync(p => p.UserName, StringComparer.Ordinal, stoppingToken);
        foreach (var demo in DemoDirectory.People)
        {
            if (!known.TryGetValue(demo.UserName, out var person))
            {
                person = Person.Create(demo.UserName, demo.DisplayName, demo.Roles, demo.Team, demo.Manager);
                db.People.Add(person);
            }

            person.Assign(demo.DisplayName, demo.Roles, demo.Team, demo.Manager);
            if (person.PasswordHash.Length == 0 || hasher.VerifyHashedPassword(person, person.PasswordHash, password) == PasswordVerificationResult.Failed)
            {
                person.SetPasswordHash(hasher.HashPassword(person, password));
            }
        }

        await db.SaveChangesAsync(stoppingToken);
        LogLoaded(DemoDirectory.People.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo directory: {Count} people can sign in")]
    private partial void LogLoaded(int count);
}
