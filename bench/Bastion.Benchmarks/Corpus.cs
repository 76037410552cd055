using System.Text;

namespace Bastion.Benchmarks;

/// <summary>Deterministic generated corpora of realistic services (controllers, services, data access, options), and
/// folders of real code read in place.</summary>
internal static class Corpus
{
    /// <summary><paramref name="modules"/> feature modules of about 270 lines each: an API controller whose actions
    /// validate request data, a service with business logic, a repository with parameterized SQL, options and DTOs.
    /// It holds no defect Bastion looks for, so every finding on it would be a false positive.</summary>
    public static IReadOnlyList<(string Path, string Text)> Services(int modules)
    {
        var files = new List<(string, string)>();
        for (var i = 0; i < modules; i++)
        {
            files.Add(($"Module{i}/Module{i}Controller.cs", Controller(i)));
            files.Add(($"Module{i}/Module{i}Service.cs", Service(i)));
            files.Add(($"Module{i}/Module{i}Repository.cs", Repository(i)));
        }

        return files;
    }

    private static string Controller(int i) => $$"""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.Logging;

        namespace Shop.Module{{i}};

        public sealed record Item{{i}}Dto(int Id, string Name, decimal Price, string Category);

        public sealed record Create{{i}}Request(string Name, decimal Price, string Category);

        [ApiController]
        [Route("api/module{{i}}")]
        public sealed class Module{{i}}Controller : ControllerBase
        {
            private static readonly HashSet<string> Categories = new(StringComparer.OrdinalIgnoreCase) { "books", "games", "music", "tools" };
            private readonly Module{{i}}Service service;
            private readonly ILogger<Module{{i}}Controller> logger;

            public Module{{i}}Controller(Module{{i}}Service service, ILogger<Module{{i}}Controller> logger)
            {
                this.service = service;
                this.logger = logger;
            }

            [HttpGet("{id:int}")]
            public async Task<ActionResult<Item{{i}}Dto>> Get(int id, CancellationToken cancellationToken)
            {
                var item = await service.FindAsync(id, cancellationToken);
                if (item is null)
                {
                    logger.LogInformation("Item {Id} not found", id);
                    return NotFound();
                }

                return Ok(item);
            }

            [HttpGet]
            public async Task<ActionResult<IReadOnlyList<Item{{i}}Dto>>> List(string? category, int page = 1, int size = 20, CancellationToken cancellationToken = default)
            {
                if (page < 1 || size is < 1 or > 100)
                {
                    return BadRequest("Paging is out of range.");
                }

                if (category is not null && !Categories.Contains(category))
                {
                    return BadRequest("Unknown category.");
                }

                var items = await service.ListAsync(category, page, size, cancellationToken);
                return Ok(items);
            }

            [HttpPost]
            public async Task<ActionResult<Item{{i}}Dto>> Create(Create{{i}}Request request, CancellationToken cancellationToken)
            {
                var errors = new List<string>();
                if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200)
                {
                    errors.Add("Name is required and at most 200 characters.");
                }

                if (request.Price <= 0)
                {
                    errors.Add("Price must be positive.");
                }

                if (!Categories.Contains(request.Category))
                {
                    errors.Add("Unknown category.");
                }

                if (errors.Count > 0)
                {
                    return BadRequest(string.Join(" ", errors));
                }

                var created = await service.CreateAsync(request.Name.Trim(), request.Price, request.Category, cancellationToken);
                return CreatedAtAction(nameof(Get), new { id = created.Id }, created);
            }

            [HttpDelete("{id:int}")]
            public async Task<IActionResult> Delete(int id, CancellationToken cancellationToken)
            {
                var removed = await service.DeleteAsync(id, cancellationToken);
                return removed ? NoContent() : NotFound();
            }
        }
        """;

    private static string Service(int i) => $$"""
        using System;
        using System.Collections.Generic;
        using System.Globalization;
        using System.Linq;
        using System.Text;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Options;

        namespace Shop.Module{{i}};

        public sealed class Module{{i}}Options
        {
            public int CacheSeconds { get; set; } = 30;
            public decimal MaxDiscount { get; set; } = 0.25m;
            public string Currency { get; set; } = "EUR";
        }

        public sealed class Module{{i}}Service
        {
            private readonly Module{{i}}Repository repository;
            private readonly Module{{i}}Options options;
            private readonly Dictionary<int, (Item{{i}}Dto Item, DateTime Expires)> cache = new();

            public Module{{i}}Service(Module{{i}}Repository repository, IOptions<Module{{i}}Options> options)
            {
                this.repository = repository;
                this.options = options.Value;
            }

            public async Task<Item{{i}}Dto?> FindAsync(int id, CancellationToken cancellationToken)
            {
                lock (cache)
                {
                    if (cache.TryGetValue(id, out var entry) && entry.Expires > DateTime.UtcNow)
                    {
                        return entry.Item;
                    }
                }

                var item = await repository.FindAsync(id, cancellationToken);
                if (item is not null)
                {
                    lock (cache)
                    {
                        cache[id] = (item, DateTime.UtcNow.AddSeconds(options.CacheSeconds));
                    }
                }

                return item;
            }

            public Task<IReadOnlyList<Item{{i}}Dto>> ListAsync(string? category, int page, int size, CancellationToken cancellationToken) =>
                repository.ListAsync(category, (page - 1) * size, size, cancellationToken);

            public async Task<Item{{i}}Dto> CreateAsync(string name, decimal price, string category, CancellationToken cancellationToken)
            {
                var normalized = Normalize(name);
                var id = await repository.InsertAsync(normalized, Round(price), category.ToLowerInvariant(), cancellationToken);
                return new Item{{i}}Dto(id, normalized, Round(price), category);
            }

            public Task<bool> DeleteAsync(int id, CancellationToken cancellationToken)
            {
                lock (cache)
                {
                    cache.Remove(id);
                }

                return repository.DeleteAsync(id, cancellationToken);
            }

            public decimal Discount(IEnumerable<Item{{i}}Dto> basket)
            {
                var total = basket.Sum(item => item.Price);
                var categories = basket.Select(item => item.Category).Distinct().Count();
                var rate = Math.Min(options.MaxDiscount, categories * 0.05m);
                return Round(total * rate);
            }

            public string Summary(IReadOnlyList<Item{{i}}Dto> items)
            {
                var builder = new StringBuilder();
                foreach (var group in items.GroupBy(item => item.Category).OrderBy(group => group.Key, StringComparer.Ordinal))
                {
                    builder.Append(group.Key).Append(": ");
                    builder.AppendJoin(", ", group.Select(item => item.Name + " " + item.Price.ToString("0.00", CultureInfo.InvariantCulture) + " " + options.Currency));
                    builder.AppendLine();
                }

                return builder.ToString();
            }

            private static string Normalize(string name)
            {
                var parts = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                for (var p = 0; p < parts.Length; p++)
                {
                    parts[p] = char.ToUpperInvariant(parts[p][0]) + parts[p].Substring(1);
                }

                return string.Join(' ', parts);
            }

            private static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
        }
        """;

    private static string Repository(int i) => $$"""
        using System;
        using System.Collections.Generic;
        using System.Data;
        using System.Data.Common;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Configuration;

        namespace Shop.Module{{i}};

        public sealed class Module{{i}}Repository
        {
            private readonly DbProviderFactory factory;
            private readonly string connectionString;

            public Module{{i}}Repository(DbProviderFactory factory, IConfiguration configuration)
            {
                this.factory = factory;
                connectionString = configuration.GetConnectionString("Shop") ?? throw new InvalidOperationException("ConnectionStrings:Shop is not set.");
            }

            public async Task<Item{{i}}Dto?> FindAsync(int id, CancellationToken cancellationToken)
            {
                await using var connection = await OpenAsync(cancellationToken);
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT Id, Name, Price, Category FROM Items{{i}} WHERE Id = @id";
                AddParameter(command, "@id", id);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
            }

            public async Task<IReadOnlyList<Item{{i}}Dto>> ListAsync(string? category, int skip, int take, CancellationToken cancellationToken)
            {
                await using var connection = await OpenAsync(cancellationToken);
                await using var command = connection.CreateCommand();
                command.CommandText = category is null
                    ? "SELECT Id, Name, Price, Category FROM Items{{i}} ORDER BY Id OFFSET @skip ROWS FETCH NEXT @take ROWS ONLY"
                    : "SELECT Id, Name, Price, Category FROM Items{{i}} WHERE Category = @category ORDER BY Id OFFSET @skip ROWS FETCH NEXT @take ROWS ONLY";
                AddParameter(command, "@skip", skip);
                AddParameter(command, "@take", take);
                if (category is not null)
                {
                    AddParameter(command, "@category", category);
                }

                var items = new List<Item{{i}}Dto>();
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    items.Add(Read(reader));
                }

                return items;
            }

            public async Task<int> InsertAsync(string name, decimal price, string category, CancellationToken cancellationToken)
            {
                await using var connection = await OpenAsync(cancellationToken);
                await using var command = connection.CreateCommand();
                command.CommandText = "INSERT INTO Items{{i}} (Name, Price, Category) OUTPUT INSERTED.Id VALUES (@name, @price, @category)";
                AddParameter(command, "@name", name);
                AddParameter(command, "@price", price);
                AddParameter(command, "@category", category);
                return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken));
            }

            public async Task<bool> DeleteAsync(int id, CancellationToken cancellationToken)
            {
                await using var connection = await OpenAsync(cancellationToken);
                await using var command = connection.CreateCommand();
                command.CommandText = "DELETE FROM Items{{i}} WHERE Id = @id";
                AddParameter(command, "@id", id);
                return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
            }

            private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
            {
                var connection = factory.CreateConnection() ?? throw new InvalidOperationException("The provider has no connections.");
                connection.ConnectionString = connectionString;
                await connection.OpenAsync(cancellationToken);
                return connection;
            }

            private static void AddParameter(DbCommand command, string name, object value)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }

            private static Item{{i}}Dto Read(DbDataReader reader) =>
                new(reader.GetInt32(0), reader.GetString(1), reader.GetDecimal(2), reader.GetString(3));
        }
        """;

    /// <summary>The corpus <paramref name="factor"/> times over (each copy in its own namespace).</summary>
    public static IReadOnlyList<(string Path, string Text)> Repeat(IReadOnlyList<(string Path, string Text)> files, int factor)
    {
        if (factor == 1)
        {
            return files;
        }

        var result = new List<(string, string)>();
        for (var copy = 0; copy < factor; copy++)
        {
            foreach (var (path, text) in files)
            {
                result.Add(($"Copy{copy}/{path}", text.Replace("namespace Shop.", $"namespace Shop{copy}.", StringComparison.Ordinal)));
            }
        }

        return result;
    }

    public static IReadOnlyList<(string Path, string Text)> FromFolder(string folder) =>
        Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) &&
                        !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => (Path.GetRelativePath(folder, p), File.ReadAllText(p)))
            .ToList();
}
