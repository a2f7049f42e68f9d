using CustomerPortal.Samples.ClaimsPortal;

ClaimsPortalApp.Build(args).Run();
