module "vpc_endpoints" {
  source = "./modules/vpc-endpoints"

  create = local.create_vpc && length(var.endpoints) > 0
  vpc_id = local.vpc_id

  endpoints = {
    for key, endpoint in var.endpoints : key => merge(endpoint, {
      subnet_ids      = coalesce(endpoint.subnet_ids, aws_subnet.private[*].id)
      route_table_ids = endpoint.service_type == "Gateway" ? aws_route_table.private[*].id : null
      policy = endpoint.policy == null ? var.endpoint_default_policy : jsonencode({
        Version = endpoint.policy.version
        Statement = [
          for s in endpoint.policy.statements : {
            Sid      = s.sid
            Effect   = s.effect
            Action   = s.actions
            Resource = "*"
            Condition = length(s.conditions) == 0 ? null : {
              for c in s.conditions : c.test => { (c.variable) = c.values }...
            }
          }
        ]
      })
    })
  }

  tags = var.tags
}
