module "cache" {
  source = "../../modules/cache"
  name   = "dev-cache"
}
