using MelGenre.Web;

MelGenreWeb.Build(args).Run();
