data "aws_vpc_endpoint_service" "this" {
  for_each = { for k, v in var.endpoints : k => v if var.create }

  service      = each.value.service
  service_type = try(each.value.service_type, "Interface")
}

resource "aws_vpc_endpoint" "this" {
  for_each = { for k, v in var.endpoints : k => v if var.create }

  vpc_id            = var.vpc_id
  service_name      = data.aws_vpc_endpoint_service.this[each.key].service_name
  vpc_endpoint_type = try(each.value.service_type, "Interface")
  subnet_ids        = try(each.value.service_type, "Interface") == "Interface" ? each.value.subnet_ids : null
  route_table_ids   = try(each.value.service_type, "Interface") == "Gateway" ? each.value.route_table_ids : null
  policy            = try(each.value.policy, null)

  tags = merge(var.tags, { Name = each.key })
}

output "endpoints" {
  description = "Array containing the full resource object and attributes for all endpoints created"
  value       = aws_vpc_endpoint.this
}
