# NGINX Ingress Controller: a Kubernetes-native alternative to the AWS Load
# Balancer Controller for advanced routing (regex, rewrites, WebSockets, gRPC).

locals {
  namespace = var.create_namespace ? kubernetes_namespace_v1.this[0].metadata[0].name : var.namespace

  lb_annotations = merge(
    {
      "service.beta.kubernetes.io/aws-load-balancer-type"                              = "external"
      "service.beta.kubernetes.io/aws-load-balancer-nlb-target-type"                   = "ip"
      "service.beta.kubernetes.io/aws-load-balancer-scheme"                            = var.load_balancer.scheme
      "service.beta.kubernetes.io/aws-load-balancer-cross-zone-load-balancing-enabled" = tostring(var.load_balancer.cross_zone)
      "service.beta.kubernetes.io/aws-load-balancer-name"                              = substr("${var.cluster_name}-nginx", 0, 32)
    },
    length(var.tags) > 0 ? {
      "service.beta.kubernetes.io/aws-load-balancer-additional-resource-tags" = join(",", [for k, v in var.tags : "${k}=${v}"])
    } : {},
    var.load_balancer.ssl_cert_arn != null ? {
      "service.beta.kubernetes.io/aws-load-balancer-ssl-cert"  = var.load_balancer.ssl_cert_arn
      "service.beta.kubernetes.io/aws-load-balancer-ssl-ports" = "https"
    } : {},
  )

  values = {
    controller = {
      replicaCount = var.replica_count

      ingressClassResource = {
        name            = var.ingress_class_name
        enabled         = true
        default         = var.set_as_default_ingress_class
        controllerValue = "k8s.io/${var.ingress_class_name}"
      }
      ingressClass = var.ingress_class_name

      config = var.config

      service = {
        type                  = "LoadBalancer"
        externalTrafficPolicy = "Local"
        annotations           = local.lb_annotations
        targetPorts = {
          http  = "http"
          https = var.load_balancer.ssl_cert_arn != null ? "http" : "https"
        }
      }

      resources = {
        requests = {
          cpu    = var.controller_resources.cpu_request
          memory = var.controller_resources.memory_request
        }
        limits = {
          memory = var.controller_resources.memory_limit
        }
      }

      metrics = {
        enabled = var.enable_metrics
        serviceMonitor = {
          enabled = var.enable_metrics && var.enable_service_monitor
        }
      }

      # Spread replicas so an AZ or node loss keeps the ingress up.
      topologySpreadConstraints = [
        {
          maxSkew           = 1
          topologyKey       = "topology.kubernetes.io/zone"
          whenUnsatisfiable = "ScheduleAnyway"
          labelSelector = {
            matchLabels = {
              "app.kubernetes.io/name"      = "ingress-nginx"
              "app.kubernetes.io/instance"  = var.release_name
              "app.kubernetes.io/component" = "controller"
            }
          }
        },
      ]

      podDisruptionBudget = {
        enabled      = var.replica_count > 1
        minAvailable = 1
      }

      nodeSelector = merge({ "kubernetes.io/os" = "linux" }, var.node_selector)
      tolerations = [
        for t in var.tolerations : { for k, v in t : k => v if v != null }
      ]
    }
  }
}

resource "kubernetes_namespace_v1" "this" {
  count = var.create_namespace ? 1 : 0

  metadata {
    name = var.namespace

    labels = {
      "app.kubernetes.io/managed-by" = "terraform"
      "app.kubernetes.io/part-of"    = "ingress-nginx"
    }
  }
}

resource "helm_release" "this" {
  name       = var.release_name
  namespace  = local.namespace
  repository = var.chart_repository
  chart      = "ingress-nginx"
  version    = var.chart_version

  timeout         = var.timeout
  atomic          = true
  cleanup_on_fail = true
  wait            = true

  values = compact([
    yamlencode(local.values),
    var.extra_values,
  ])
}
