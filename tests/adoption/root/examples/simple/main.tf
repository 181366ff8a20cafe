module "widget" {
  source = "../../"

  name = "simple"
}
