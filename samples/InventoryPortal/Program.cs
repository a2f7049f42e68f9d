using CustomerPortal.Samples.InventoryPortal;

InventoryPortalApp.Build(args).Run();
