using System.CommandLine;
using MelGenre.Model.Checkpoints;
using MelGenre.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace MelGenre.Cli.Commands;

/// <summary>
/// <c>melgenre serve [--urls URL] [--model DIR] [--max-upload-mb N] [--max-minutes N] [--concurrency N] [--queue N]
/// [--threads N]</c>: the web page and API (<see cref="MelGenreWeb"/>) until Ctrl-C or SIGTERM, on this machine only
/// unless another address is given.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var defaults = new WebOptions();
        var urls = new Option<string>("--urls") { Description = "Where to listen (several separated by ';'); 0 as the port picks a free one.", DefaultValueFactory = _ => MelGenreWeb.DefaultUrl };
        var model = new Option<string?>("--model", "-m") { Description = "Model folder (manifest.json + weights); default: the model shipped with melgenre." };
        var maxUploadMegabytes = CommandOptions.PositiveInt("--max-upload-mb", (int)(defaults.MaxUploadBytes >> 20), "Largest upload accepted, in MiB (413 beyond).");
        var maxMinutes = CommandOptions.PositiveInt("--max-minutes", (int)defaults.MaxDuration.TotalMinutes, "Longest audio accepted, in minutes (413 beyond).");
        var concurrency = CommandOptions.PositiveInt("--concurrency", defaults.MaxConcurrentAnalyses, "Uploads analysed at once; the others wait in a queue.");
        var queue = new Option<int>("--queue") { Description = "Uploads that may wait for their turn (503 beyond); 0: none wait.", DefaultValueFactory = _ => defaults.QueueLimit };
        var threads = CommandOptions.PositiveInt("--threads", defaults.LibTorchThreads, "Threads libtorch may use for the network.");
        var command = new Command("serve", "Serve the web page and API: upload audio, see its genres, spectrogram and waveform.")
        {
            urls, model, maxUploadMegabytes, maxMinutes, concurrency, queue, threads,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(queue) < 0)
                result.AddError("--queue must be zero or a positive integer.");
            if ((long)result.GetValue(maxUploadMegabytes) << 20 > Array.MaxLength)
                result.AddError($"--max-upload-mb must be at most {Array.MaxLength >> 20}.");
        });

        command.SetAction(parsed =>
        {
            var output = parsed.InvocationConfiguration.Output;
            var errors = parsed.InvocationConfiguration.Error;
            var options = new WebOptions
            {
                ModelFolder = parsed.GetValue(model),
                MaxUploadBytes = (long)parsed.GetValue(maxUploadMegabytes) << 20,
                MaxDuration = TimeSpan.FromMinutes(parsed.GetValue(maxMinutes)),
                MaxConcurrentAnalyses = parsed.GetValue(concurrency),
                QueueLimit = parsed.GetValue(queue),
                LibTorchThreads = parsed.GetValue(threads),
            };
            var address = parsed.GetValue(urls)!;
            WebApplication app;
            try
            {
                // The line printed below says where it listens, and a failure to start is one line too: the host's own
                // startup lines would repeat them (with a stack trace).
                app = MelGenreWeb.Build(["--urls", address, "--Logging:LogLevel:Microsoft.Hosting.Lifetime", "Warning",
                    "--Logging:LogLevel:Microsoft.Extensions.Hosting", "None"], options);
            }
            catch (ModelLoadException e)
            {
                errors.WriteLine($"melgenre: {e.Message}");
                return ExitCodes.UsageError;
            }
            using (app)
            {
                try
                {
                    app.StartAsync().GetAwaiter().GetResult();
                }
                catch (Exception e) when (e is IOException or InvalidOperationException or FormatException)
                {
                    // An address in use or not allowed (IOException), or one that is not a URL.
                    errors.WriteLine($"melgenre: cannot listen on {address}: {e.Message.ReplaceLineEndings(" ")}");
                    return e is IOException ? ExitCodes.SomeInputsFailed : ExitCodes.UsageError;
                }
                output.WriteLine($"melgenre: serving on {string.Join(' ', app.Urls)} (Ctrl-C stops)");
                // Ctrl-C and SIGTERM stop the host: requests in progress finish first.
                app.WaitForShutdownAsync().GetAwaiter().GetResult();
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
