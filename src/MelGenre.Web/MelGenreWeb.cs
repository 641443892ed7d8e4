using MelGenre.Model;
using MelGenre.Model.Checkpoints;
using MelGenre.Web.Analysis;
using MelGenre.Web.Apis;
using MelGenre.Web.Assets;
using MelGenre.Web.Limits;
using MelGenre.Web.Problems;

namespace MelGenre.Web;

/// <summary>
/// The MelGenre web server: the page, and an HTTP API that tells the genre of uploaded audio and draws it
/// (<c>/api/classify</c>, <c>/api/analysis</c>, <c>/api/spectrogram</c>, <c>/api/waveform</c>, <c>/api/model</c>,
/// <c>/health</c>, <c>/openapi/v1.json</c>). Every error is an RFC 9457 problem details response.
/// </summary>
public static class MelGenreWeb
{
    /// <summary>Where the server listens unless told otherwise: this machine only.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5000";

    /// <summary>The configuration section <see cref="WebOptions"/> are read from when none are given
    /// (e.g. <c>--MelGenre:MaxConcurrentAnalyses 4</c>).</summary>
    public const string OptionsSection = "MelGenre";

    /// <summary>
    /// Builds the server, ready to start: loads the model once (one classifier serves every request) and configures
    /// the limits. Listens on <see cref="DefaultUrl"/> unless the arguments or the environment name URLs or ports.
    /// </summary>
    /// <param name="args">ASP.NET Core command-line arguments, e.g. <c>["--urls", "http://127.0.0.1:0"]</c>.</param>
    /// <param name="options">The model and limits; null: the <see cref="OptionsSection"/> of the configuration, else
    /// the defaults.</param>
    /// <exception cref="ModelLoadException">The model cannot be loaded.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A limit is out of range.</exception>
    public static WebApplication Build(string[] args, WebOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(MelGenreWeb).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        options ??= builder.Configuration.GetSection(OptionsSection).Get<WebOptions>() ?? new WebOptions();
        options.Validate();
        if (!NamesAddresses(builder.Configuration))
            builder.WebHost.UseUrls(DefaultUrl);
        // ASP.NET Core logs every request at Information; a console server shows warnings and errors (unexpected
        // exceptions included) unless the configuration's Logging section asks for more.
        if (builder.Configuration.GetSection("Logging:LogLevel:Microsoft.AspNetCore").Value is null)
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        builder.AddAnalysisLimits(options);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<UnexpectedExceptionHandler>();
        builder.Services.AddOpenApi();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<RecordingAnalysis>();

        TorchRuntime.Initialize(options.LibTorchThreads);
        var model = LoadedModel.Load(options.ModelFolder);
        WebApplication app;
        try
        {
            // A factory registration: the container disposes the model with the app.
            builder.Services.AddSingleton(_ => model);
            app = builder.Build();
            app.Services.GetRequiredService<LoadedModel>();
        }
        catch
        {
            model.Dispose();
            throw;
        }

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAnalysisLimits();

        app.MapOpenApi();
        app.MapModelApi();
        var api = app.MapGroup("/api").AddEndpointFilter<ProblemFilter>();
        api.MapClassifyApi();
        api.MapAnalysisApi();
        api.MapPictureApis();
        app.MapPage(EmbeddedAssets.Load(typeof(MelGenreWeb).Assembly), options.MaxUploadBytes);
        return app;
    }

    /// <summary>Whether the arguments or environment say where to listen (<c>--urls</c>, <c>ASPNETCORE_URLS</c>,
    /// <c>ASPNETCORE_HTTP_PORTS</c>, as a container sets).</summary>
    private static bool NamesAddresses(IConfiguration configuration) =>
        !string.IsNullOrEmpty(configuration[WebHostDefaults.ServerUrlsKey])
        || !string.IsNullOrEmpty(configuration[WebHostDefaults.HttpPortsKey])
        || !string.IsNullOrEmpty(configuration[WebHostDefaults.HttpsPortsKey]);
}
